import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { recordRunActivity } from "./record-run-activity";

const MINUTE = 60_000;

beforeEach(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "p1" } });
  await prisma().run.create({ data: { id: "r1", projectId: "p1" } });
});

const lastRowAt = async () => ({
  run: (await prisma().run.findUniqueOrThrow({ where: { id: "r1" } })).lastRowAt,
  project: (await prisma().project.findUniqueOrThrow({ where: { id: "p1" } })).lastRowAt,
});

describe("recordRunActivity", () => {
  it("moves a run's and its project's last row forward to the minute, never back", async () => {
    const at = new Date("2026-12-07T10:15:42.123Z");
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: at }]);
    expect(await lastRowAt()).toEqual({ run: new Date("2026-12-07T10:15:00Z"), project: new Date("2026-12-07T10:15:00Z") });
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: new Date(at.getTime() - 10 * MINUTE) }]);
    expect(await lastRowAt()).toEqual({ run: new Date("2026-12-07T10:15:00Z"), project: new Date("2026-12-07T10:15:00Z") });
  });

  it("sends nothing for a batch in a minute this process recorded already, and the next minute's at once", async () => {
    const at = new Date("2026-12-07T10:15:00Z");
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: at }]);
    // Cleared behind the process's back: a statement would set it again, so it staying
    // null shows none was sent for the same minute.
    await prisma().$executeRaw`UPDATE runs SET last_row_at = NULL`;
    await prisma().$executeRaw`UPDATE projects SET last_row_at = NULL`;
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: new Date(at.getTime() + 30_000) }]);
    expect(await lastRowAt()).toEqual({ run: null, project: null });
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: new Date(at.getTime() + MINUTE) }]);
    expect(await lastRowAt()).toEqual({ run: new Date("2026-12-07T10:16:00Z"), project: new Date("2026-12-07T10:16:00Z") });
  });

  it("still ends a run on a terminal event in a minute already recorded", async () => {
    const at = new Date("2026-12-07T10:15:00Z");
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: at, eventType: "SIM_STEP" }]);
    await recordRunActivity([{ runId: "r1", projectId: "p1", createdAt: new Date(at.getTime() + 5_000), eventType: "SIM_COMPLETED" }]);
    expect(await prisma().run.findUniqueOrThrow({ where: { id: "r1" } })).toMatchObject({ status: "succeeded", finishedAt: new Date(at.getTime() + 5_000) });
  });
});
