// A trace with more errors than the page shows: the newest are shown, and the count is the
// trace's, not the page's (a client in a retry loop can send thousands under one traceId).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { findTrace, MAX_ERRORS } from "./find-trace";

const TRACE = "55555555-5555-4555-8555-555555555555";
const T0 = Date.UTC(2026, 0, 1, 12);
const COUNT = MAX_ERRORS + 10;

beforeAll(async () => {
  await truncateAll();
  await prisma().errorLog.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({
      id: `err${String(i).padStart(4, "0")}`,
      traceId: TRACE,
      errorType: "RETRY_LOOP",
      message: `retry ${i}`,
      createdAt: new Date(T0 + i * 1000),
    })),
  });
  await prisma().errorLog.create({ data: { id: "single", traceId: "66666666-6666-4666-8666-666666666666", errorType: "E", message: "once", createdAt: new Date(T0) } });
  // A run with 250 events in the 5 minutes before its error, and one just outside them.
  await prisma().run.create({ data: { id: "ctx_run", name: "Nightly import" } });
  await prisma().eventLog.createMany({
    data: [
      ...Array.from({ length: 250 }, (_, i) => ({ id: `ev${String(i).padStart(3, "0")}`, eventType: "STEP", runId: "ctx_run", actorType: "system", actorId: "engine", createdAt: new Date(T0 - 299_000 + i * 1000) })),
      { id: "too_early", eventType: "BOOT", runId: "ctx_run", createdAt: new Date(T0 - 301_000) },
    ],
  });
  await prisma().errorLog.create({ data: { id: "ctx_err", traceId: "77777777-7777-4777-8777-777777777777", errorType: "E", message: "failed", runId: "ctx_run", createdAt: new Date(T0) } });
});

describe("findTrace", () => {
  it("shows the newest errors, oldest first, and counts them all", async () => {
    const trace = (await findTrace({ traceId: TRACE }))!;
    expect(trace.totalErrors).toBe(COUNT);
    expect(trace.errors).toHaveLength(MAX_ERRORS);
    expect(trace.errors[0]!.message).toBe(`retry ${COUNT - MAX_ERRORS}`);
    expect(trace.errors[MAX_ERRORS - 1]!.message).toBe(`retry ${COUNT - 1}`);
  });

  it("counts a trace of one error as one", async () => {
    const trace = (await findTrace({ traceId: "66666666-6666-4666-8666-666666666666" }))!;
    expect(trace.totalErrors).toBe(1);
    expect(trace.errors.map((e) => e.id)).toEqual(["single"]);
  });

  it("shows the run's name and its latest 200 events of the window around the errors, oldest first", async () => {
    const trace = (await findTrace({ traceId: "77777777-7777-4777-8777-777777777777" }))!;
    expect(trace.runs).toHaveLength(1);
    const [context] = trace.runs;
    expect(context).toMatchObject({ runId: "ctx_run", runName: "Nightly import", truncated: true });
    expect(context!.events).toHaveLength(200);
    expect(context!.events[0]!.id).toBe("ev050");
    expect(context!.events[199]).toMatchObject({ id: "ev249", eventType: "STEP", actorType: "system", actorId: "engine" });
    expect(context!.events.some((e) => e.id === "too_early")).toBe(false);
  });

  it("gives the first three runs by their first error, each with its own window", async () => {
    const trace = "88888888-8888-4888-8888-888888888888";
    await prisma().run.createMany({ data: ["m1", "m2", "m3", "m4"].map((id) => ({ id })) });
    // Runs m4, m2, m1, m3 in order of their first error; m2 has two errors an hour apart.
    const errorsAt: [string, number][] = [["m4", 0], ["m2", 10], ["m1", 20], ["m3", 30], ["m2", 70]];
    await prisma().errorLog.createMany({
      data: errorsAt.map(([runId, minutes], i) => ({ id: `m_err${i}`, traceId: trace, errorType: "E", message: "x", runId, createdAt: new Date(T0 + minutes * 60_000) })),
    });
    const found = (await findTrace({ traceId: trace }))!;
    expect(found.totalErrors).toBe(5);
    expect(found.runs.map((r) => r.runId)).toEqual(["m4", "m2", "m1"]);
    const m2 = found.runs[1]!;
    expect(m2.from).toEqual(new Date(T0 + 10 * 60_000 - 5 * 60_000));
    expect(m2.to).toEqual(new Date(T0 + 70 * 60_000 + 60_000));
    expect(m2.events).toEqual([]);
  });
});
