// The type filter's choices: every type a run has, however long ago it was seen and
// however many rows came after it.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { findRunTypes } from "./find-run-types";

const T0 = Date.UTC(2025, 0, 1, 12);

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.createMany({ data: [{ id: "r1", projectId: "p1" }, { id: "r2", projectId: "p1" }, { id: "many", projectId: "p1" }, { id: "empty", projectId: "p1" }] });
  // The run's first event has a type never seen again; 3,000 rows of one type follow it.
  await prisma().eventLog.create({ data: { id: "first", eventType: "SIM_STARTED", runId: "r1", createdAt: new Date(T0) } });
  await prisma().eventLog.createMany({
    data: Array.from({ length: 3000 }, (_, i) => ({ id: `step${i}`, eventType: "SIM_STEP", runId: "r1", createdAt: new Date(T0 + 1000 + i) })),
  });
  await prisma().errorLog.createMany({
    data: [
      { id: "e1", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "x", runId: "r1", createdAt: new Date(T0) },
      // An error type equal to an event type is offered once.
      { id: "e2", traceId: "11111111-1111-4111-8111-111111111112", errorType: "SIM_STEP", message: "x", runId: "r1", createdAt: new Date(T0) },
    ],
  });
  // Another run's types are not this run's.
  await prisma().eventLog.create({ data: { id: "other", eventType: "OTHER_RUN_ONLY", runId: "r2", createdAt: new Date(T0) } });
  // A run with more types than the filter offers.
  await prisma().eventLog.createMany({
    data: Array.from({ length: 130 }, (_, i) => ({ id: `t${i}`, eventType: `TYPE_${String(i).padStart(3, "0")}`, runId: "many", createdAt: new Date(T0 + i) })),
  });
});

describe("findRunTypes", () => {
  it("offers every event and error type of the run, once each, in order", async () => {
    expect(await findRunTypes({ runId: "r1" })).toEqual(["API_ERROR", "SIM_STARTED", "SIM_STEP"]);
  });

  it("offers at most 100 types, the first 100 in order", async () => {
    const types = await findRunTypes({ runId: "many" });
    expect(types).toHaveLength(100);
    expect(types[0]).toBe("TYPE_000");
    expect(types[99]).toBe("TYPE_099");
  });

  it("offers nothing for a run without rows, or an unknown run", async () => {
    expect(await findRunTypes({ runId: "empty" })).toEqual([]);
    expect(await findRunTypes({ runId: "no such run" })).toEqual([]);
  });
});
