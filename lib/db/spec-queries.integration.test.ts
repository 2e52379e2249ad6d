// The three query patterns of the spec (§4), run as the spec writes them, against rows
// whose order is known — including rows that share a created_at.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "./client";

const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;

beforeAll(async () => {
  await truncateAll();
  const db = prisma();
  await db.project.createMany({ data: [{ id: "p1", name: "One" }, { id: "p2", name: "Two" }] });
  await db.run.createMany({ data: [{ id: "r1", projectId: "p1" }, { id: "r2", projectId: "p1" }] });
  const tie = ago(5 * 60_000);
  await db.eventLog.createMany({
    data: [
      { id: "e1", eventType: "SIM_STARTED", runId: "r1", projectId: "p1", createdAt: ago(10 * 60_000) },
      { id: "e2", eventType: "SIM_STEP", runId: "r1", projectId: "p1", createdAt: tie },
      { id: "e3", eventType: "SIM_STEP", runId: "r1", projectId: "p1", createdAt: tie },
      { id: "e4", eventType: "RUN_SAVED", runId: "r1", projectId: "p1", createdAt: ago(60_000) },
      { id: "e5", eventType: "SIM_STARTED", runId: "r2", projectId: "p1", createdAt: ago(30_000) },
    ],
  });
  await db.errorLog.createMany({
    data: [
      { id: "x1", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "a", projectId: "p1", createdAt: ago(HOUR) },
      { id: "x2", traceId: "11111111-1111-4111-8111-111111111111", errorType: "ENGINE_ERROR", message: "b", projectId: "p1", createdAt: ago(HOUR) },
      { id: "x3", traceId: "22222222-2222-4222-8222-222222222222", errorType: "API_ERROR", message: "c", projectId: "p1", createdAt: ago(23 * HOUR) },
      { id: "x4", traceId: "33333333-3333-4333-8333-333333333333", errorType: "API_ERROR", message: "d", projectId: "p1", createdAt: ago(25 * HOUR) },
      { id: "x5", traceId: "44444444-4444-4444-8444-444444444444", errorType: "API_ERROR", message: "e", projectId: "p2", createdAt: ago(2 * HOUR) },
    ],
  });
});

describe("the spec's query patterns", () => {
  it("4.1 events for a run, newest first, ties broken by id", async () => {
    const rows = await prisma().$queryRaw<{ id: string }[]>`
      SELECT * FROM event_logs WHERE run_id = ${"r1"} ORDER BY created_at DESC, id DESC LIMIT 100`;
    expect(rows.map((r) => r.id)).toEqual(["e4", "e3", "e2", "e1"]);
  });

  it("4.2 errors by traceId", async () => {
    const rows = await prisma().$queryRaw<{ id: string }[]>`
      SELECT * FROM error_logs WHERE trace_id = ${"11111111-1111-4111-8111-111111111111"} ORDER BY created_at, id`;
    expect(rows.map((r) => r.id)).toEqual(["x1", "x2"]);
  });

  it("4.3 a project's errors of the last 24 hours, whatever the session's time zone", async () => {
    for (const zone of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"]) {
      const rows = await prisma().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE '${zone}'`);
        return tx.$queryRaw<{ id: string }[]>`
          SELECT * FROM error_logs WHERE project_id = ${"p1"} AND created_at > NOW() - INTERVAL '24 hours'
          ORDER BY created_at DESC, id DESC`;
      });
      expect(rows.map((r) => r.id), zone).toEqual(["x2", "x1", "x3"]);
    }
  });
});
