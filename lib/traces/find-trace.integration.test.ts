// A trace with more errors than the page shows: the newest are shown, and the count is the
// trace's, not the page's (a client in a retry loop can send thousands under one traceId).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { findTrace, MAX_ERRORS } from "./find-trace";
import { findTraceContext, type TraceContextPage } from "./find-trace-context";

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
      ...Array.from({ length: 250 }, (_, i) => ({ id: `ev${String(i).padStart(3, "0")}`, eventType: "STEP", payload: { step: i }, runId: "ctx_run", actorType: "system", actorId: "engine", createdAt: new Date(T0 - 299_000 + i * 1000) })),
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

  it("opens the run's events around its first error, then pages through all of them, with payloads (#12.9)", async () => {
    const trace = (await findTrace({ traceId: "77777777-7777-4777-8777-777777777777" }))!;
    expect(trace.runs).toHaveLength(1);
    const [context] = trace.runs;
    expect(context).toMatchObject({ runId: "ctx_run", runName: "Nightly import", firstError: { id: "ctx_err", createdAt: new Date(T0) } });
    const ids = (page: TraceContextPage) => page.events.map((e) => e.id);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `ev${String(from + i).padStart(3, "0")}`);
    // Opened: half a page before the error (nothing after it in this run).
    const opened = await findTraceContext({ runId: "ctx_run", firstError: context!.firstError, from: context!.from });
    expect(ids(opened)).toEqual(range(200, 249));
    expect(opened.events[49]).toMatchObject({ type: "STEP", actorType: "system", actorId: "engine", dataText: '{"step": 249}' });
    expect(opened.later).toBeNull();
    // Earlier, a page at a time, to the run's first event (outside the 5-minute window).
    const second = await findTraceContext({ runId: "ctx_run", firstError: context!.firstError, from: context!.from, cursor: opened.earlier });
    expect(ids(second)).toEqual(range(100, 199));
    const third = await findTraceContext({ runId: "ctx_run", firstError: context!.firstError, from: context!.from, cursor: second.earlier });
    expect(ids(third)).toEqual(range(0, 99));
    const fourth = await findTraceContext({ runId: "ctx_run", firstError: context!.firstError, from: context!.from, cursor: third.earlier });
    expect(ids(fourth)).toEqual(["too_early"]);
    expect(fourth.earlier).toBeNull();
    // And back later again.
    expect(ids(await findTraceContext({ runId: "ctx_run", firstError: context!.firstError, from: context!.from, cursor: fourth.later }))).toEqual(range(0, 99));
  });

  it("names the projects of the trace's errors", async () => {
    await prisma().project.createMany({ data: [{ id: "pa", name: "Alpha" }, { id: "pb", name: "Beta" }] });
    await prisma().errorLog.createMany({
      data: [
        { id: "px1", traceId: "99999999-9999-4999-8999-999999999999", errorType: "E", message: "a", projectId: "pa", createdAt: new Date(T0) },
        { id: "px2", traceId: "99999999-9999-4999-8999-999999999999", errorType: "E", message: "b", projectId: "pb", createdAt: new Date(T0 + 1) },
      ],
    });
    const found = (await findTrace({ traceId: "99999999-9999-4999-8999-999999999999" }))!;
    expect(found.projectNames).toEqual({ pa: "Alpha", pb: "Beta" });
    expect(found.errors.map((e) => e.projectId)).toEqual(["pa", "pb"]);
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
    expect(m2.firstError.id).toBe("m_err1");
  });
});
