import { describe, expect, it } from "vitest";
import { describeRetentionOutcome } from "./describe-retention-outcome";

const run = { id: "r", dryRun: false, status: "succeeded" as const, eventsDeleted: 12_345, errorsDeleted: 6, error: null };

describe("describeRetentionOutcome", () => {
  it("says nothing while the run goes, then its outcome", () => {
    expect(describeRetentionOutcome({ ...run, status: "running" })).toBeNull();
    expect(describeRetentionOutcome(run)).toBe("Retention run finished: deleted 12,345 events and 6 errors.");
    expect(describeRetentionOutcome({ ...run, dryRun: true })).toBe("Dry run finished: 12,345 events and 6 errors would be deleted.");
    expect(describeRetentionOutcome({ ...run, status: "failed", error: "interrupted (the server stopped)" })).toBe(
      "Retention run failed: interrupted (the server stopped). It deleted 12,345 events and 6 errors before it stopped.",
    );
  });
});
