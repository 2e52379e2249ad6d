import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { database, prisma } from "@/lib/db/client";
import { loadSeed } from "./load-seed";

describe("loadSeed", () => {
  beforeAll(truncateAll);

  it("loads projects, runs, events and errors through COPY, and can run twice", async () => {
    const first = await loadSeed(database(), { events: 3_000, days: 40, seed: 1 });
    const second = await loadSeed(database(), { events: 1_000, days: 40, seed: 2 });
    expect(await prisma().project.count()).toBe(5);
    expect(await prisma().run.count()).toBe(first.runs + second.runs);
    expect(await prisma().eventLog.count()).toBe(4_000);
    expect(await prisma().errorLog.count()).toBe(first.errors + second.errors);
    // JSON survives COPY's escaping.
    const started = await prisma().eventLog.findFirst({ where: { eventType: "SIM_STARTED" }, select: { payload: true } });
    expect(started?.payload).toMatchObject({ params: expect.any(Object) });
    const failure = await prisma().errorLog.findFirst({ where: { errorType: "ENGINE_ERROR" }, select: { stack: true } });
    expect(failure?.stack).toContain("\n    at ");
    // Every run knows when it last logged: its newest row.
    const runs = await prisma().run.findMany({ select: { id: true, lastRowAt: true } });
    const newest = await prisma().eventLog.groupBy({ by: ["runId"], _max: { createdAt: true } });
    const newestError = await prisma().errorLog.groupBy({ by: ["runId"], _max: { createdAt: true } });
    const expected = new Map(newest.map((row) => [row.runId, row._max.createdAt!.getTime()]));
    for (const row of newestError) if (row.runId) expected.set(row.runId, Math.max(expected.get(row.runId) ?? 0, row._max.createdAt!.getTime()));
    expect(runs.filter((run) => run.lastRowAt?.getTime() !== expected.get(run.id))).toEqual([]);
    expect(await prisma().project.count({ where: { lastRowAt: null } })).toBe(0);
  });
});
