import { describe, expect, it } from "vitest";
import { runDisplayStatus } from "./run-display-status";

const now = new Date("2026-12-07T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("runDisplayStatus", () => {
  it("shows a running run with no row for longer than the idle time as idle", () => {
    const options = { now, idleMinutes: 30 };
    // Last logged in the minute 11:29 (kept to the minute): 30 min 0 s ago at most, not idle yet.
    expect(runDisplayStatus({ status: "running", startedAt: at("2026-12-07T10:00:00Z"), lastRowAt: at("2026-12-07T11:29:00Z") }, options)).toBe("running");
    expect(runDisplayStatus({ status: "running", startedAt: at("2026-12-07T10:00:00Z"), lastRowAt: at("2026-12-07T11:28:00Z") }, options)).toBe("idle");
    // Never logged: counted from its start.
    expect(runDisplayStatus({ status: "running", startedAt: at("2026-12-07T11:45:00Z"), lastRowAt: null }, options)).toBe("running");
    expect(runDisplayStatus({ status: "running", startedAt: at("2026-12-07T11:00:00Z"), lastRowAt: null }, options)).toBe("idle");
    // Started again (PATCH "started") after its last row: counted from the new start.
    expect(runDisplayStatus({ status: "running", startedAt: at("2026-12-07T11:50:00Z"), lastRowAt: at("2026-12-07T09:00:00Z") }, options)).toBe("running");
  });

  it("leaves an ended run's status as it is", () => {
    for (const status of ["succeeded", "failed", "cancelled"]) {
      expect(runDisplayStatus({ status, startedAt: at("2026-01-01T00:00:00Z"), lastRowAt: null }, { now, idleMinutes: 1 })).toBe(status);
    }
  });
});
