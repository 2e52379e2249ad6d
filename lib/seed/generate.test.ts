import { describe, expect, it } from "vitest";
import { generateRunLogs, planSeed } from "./generate";

const now = new Date("2026-06-01T12:00:00Z");

describe("planSeed and generateRunLogs", () => {
  const plan = planSeed({ events: 5_000, days: 120, now, seed: 7 });
  const logs = plan.runs.map((run) => generateRunLogs(run, now));
  const events = logs.flatMap((l) => l.events);
  const errors = logs.flatMap((l) => l.errors);

  it("makes exactly the events asked for, spread over the window and never in the future", () => {
    expect(events).toHaveLength(5_000);
    const times = events.map((e) => e.createdAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 121 * 86_400_000);
    // Older than the 30-day retention and younger than it, so retention has work.
    expect(times.some((t) => t < now.getTime() - 90 * 86_400_000)).toBe(true);
    expect(times.some((t) => t > now.getTime() - 86_400_000)).toBe(true);
  });

  it("gives every run the Event Bus's sequence", () => {
    for (const [i, run] of plan.runs.entries()) {
      const types = logs[i]!.events.map((e) => e.eventType);
      expect(types[0]).toBe("SIM_STARTED");
      if (run.status === "succeeded") expect(types.at(-1)).toBe("RUN_SAVED");
      if (run.status === "failed") expect(types.at(-1)).toBe("SIM_FAILED");
    }
    expect(new Set(plan.runs.map((r) => r.status))).toEqual(new Set(["succeeded", "failed", "running"]));
  });

  it("has user and system actors, every severity, and traceIds shared by several errors", () => {
    expect(new Set(events.map((e) => e.actorType))).toEqual(new Set(["user", "system"]));
    expect(new Set(errors.map((e) => e.severity))).toEqual(new Set(["warning", "error", "critical"]));
    const perTrace = new Map<string, number>();
    for (const e of errors) perTrace.set(e.traceId, (perTrace.get(e.traceId) ?? 0) + 1);
    expect([...perTrace.values()].some((n) => n > 1)).toBe(true);
    for (const e of errors) expect(e.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("makes unique ids", () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(plan.runs.map((r) => r.id)).size).toBe(plan.runs.length);
  });
});
