// #12.3: a run or project whose rows retention removed is told apart from one that never
// logged — through ingestion (which records when it last logged) and a real retention run.
process.env.INGEST_KEYS = "test-key";
process.env.EVENT_RETENTION_DAYS = "30";
process.env.ERROR_RETENTION_DAYS = "90";

import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { runRetention } from "@/lib/retention/run-retention";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";
import { explainEmptyHistory } from "./explain-empty-history";

const DAY = 86_400_000;

beforeAll(async () => {
  await truncateAll();
  const old = new Date(Date.now() - 40 * DAY).toISOString();
  const response = await postEvents(ingestRequest("events", { events: [{ eventType: "SIM_STARTED", runId: "r_old", projectId: "p_old", createdAt: old }] }));
  expect(response.status).toBe(201);
  await prisma().run.create({ data: { id: "r_never", projectId: "p_old" } });
});

describe("explainEmptyHistory", () => {
  it("says a run that never logged never did, and one whose rows retention removed, with the cutoff", async () => {
    const never = await prisma().run.findUniqueOrThrow({ where: { id: "r_never" } });
    expect(await explainEmptyHistory({ lastRowAt: never.lastRowAt })).toEqual({ kind: "never" });

    const before = await explainEmptyHistory({ lastRowAt: (await prisma().run.findUniqueOrThrow({ where: { id: "r_old" } })).lastRowAt });
    expect(before).toMatchObject({ kind: "removed", cleanup: null, policy: { eventDays: 30, errorDays: 90 } });

    await runRetention({ trigger: "cli", actor: "test" });
    expect(await prisma().eventLog.count({ where: { runId: "r_old" } })).toBe(0);
    const old = await prisma().run.findUniqueOrThrow({ where: { id: "r_old" } });
    const after = await explainEmptyHistory({ lastRowAt: old.lastRowAt });
    const recorded = await prisma().retentionRun.findFirstOrThrow({ where: { dryRun: false } });
    expect(after).toMatchObject({ kind: "removed", lastRowAt: old.lastRowAt, cleanup: { finishedAt: recorded.finishedAt, eventCutoff: recorded.eventCutoff, errorCutoff: recorded.errorCutoff } });
    // The row was older than the cutoff it is explained by.
    expect(old.lastRowAt!.getTime()).toBeLessThan(recorded.eventCutoff.getTime());
  });
});
