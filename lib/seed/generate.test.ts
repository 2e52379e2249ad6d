import { afterAll, describe, expect, it } from "vitest";
import { generateRunLogs, planSeed } from "./generate";

const now = new Date("2026-06-01T12:00:00Z");

describe("planSeed and generateRunLogs", () => {
  const plan = planSeed({ events: 5_000, days: 120, now, seed: 7 });
  const logs = plan.runs.map((run) => generateRunLogs(run));
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

// `npm run demo` seeds relative to the real clock: its newest runs must look like a live
// platform's in whatever zone the server runs (the first page a newcomer sees).
describe("planSeed relative to now, in several time zones", () => {
  const zones = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"];
  // The real clock, and the hours around a DST change (Europe, 2026-03-29 01:00 UTC).
  const nows = [new Date(), new Date("2026-03-29T01:30:00Z"), new Date("2026-11-01T09:10:00Z")];
  const saved = process.env.TZ;
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  for (const zone of zones) {
    it(`puts nothing after now, staggers the runs and leaves a few running (TZ=${zone})`, () => {
      process.env.TZ = zone;
      for (const now of nows) {
        const plan = planSeed({ events: 30_000, days: 120, now });
        const nowMs = now.getTime();
        const starts = plan.runs.map((r) => r.startedAt.getTime());
        expect(Math.max(...starts)).toBeLessThan(nowMs);
        // No two runs start at the same millisecond.
        expect(new Set(starts).size).toBe(starts.length);
        const running = plan.runs.filter((r) => r.status === "running");
        expect(running.length).toBe(4);
        const problems: string[] = [];
        for (const run of plan.runs) {
          const { events, errors } = generateRunLogs(run);
          const times = events.map((e) => e.createdAt.getTime());
          for (const t of [...times, ...errors.map((e) => e.createdAt.getTime())]) {
            if (t > nowMs) problems.push(`${run.id}: a row ${t - nowMs} ms in the future`);
            if (t < run.startedAt.getTime()) problems.push(`${run.id}: a row before its start`);
          }
          if (run.finishedAt && run.finishedAt.getTime() >= nowMs) problems.push(`${run.id}: finished in the future`);
          if (run.status === "running") {
            // A run still going: its events spread out in time, the newest a moment ago.
            if (new Set(times).size !== times.length) problems.push(`${run.id}: events sharing a timestamp`);
            if (nowMs - Math.max(...times) > 10 * 60_000) problems.push(`${run.id}: running, but its newest event is old`);
            if (/^(RUN_SAVED|SIM_FAILED)$/.test(events.at(-1)!.eventType)) problems.push(`${run.id}: running, with a terminal event`);
          }
        }
        expect(problems).toEqual([]);
      }
    });
  }
});
