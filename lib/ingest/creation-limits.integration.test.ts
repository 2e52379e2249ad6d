// Caps on the projects and runs one ingest key may create an hour: past a cap the whole
// request is refused with 429 naming the setting and nothing is stored; existing projects
// and runs are not counted; each key has its own count, which a new hour resets.
process.env.INGEST_KEYS = "creator-key,other-creator-key";
process.env.INGEST_MAX_NEW_PROJECTS_PER_HOUR = "3";
process.env.INGEST_MAX_NEW_RUNS_PER_HOUR = "5";

import { beforeEach, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { resetRateLimits } from "@/lib/ingest/take-rate-limit-token";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";
import { assertCreationAllowed, clearKnownOwners } from "./creation-limits";

beforeEach(async () => {
  resetRateLimits();
  clearKnownOwners();
  await truncateAll();
});

async function send(events: object[], key = "creator-key") {
  const response = await postEvents(ingestRequest("events", { events }, { key }));
  return { status: response.status, retryAfter: response.headers.get("retry-after"), json: (await response.json()) as { error?: { message: string } } };
}

describe("creation caps per ingest key", () => {
  it("refuses a request that would create a project past the hourly cap, storing nothing", async () => {
    expect((await send([{ eventType: "A", projectId: "p1" }, { eventType: "A", projectId: "p2" }])).status).toBe(201);
    expect((await send([{ eventType: "A", projectId: "p3" }])).status).toBe(201);
    const refused = await send([{ eventType: "A", projectId: "p1" }, { eventType: "A", projectId: "p4" }]);
    expect(refused.status).toBe(429);
    expect(refused.json.error?.message).toContain("INGEST_MAX_NEW_PROJECTS_PER_HOUR");
    expect(Number(refused.retryAfter)).toBeGreaterThan(3_000);
    expect(await prisma().project.count()).toBe(3);
    expect(await prisma().eventLog.count()).toBe(3);
    // Existing projects cost nothing; another key has its own count.
    expect((await send([{ eventType: "B", projectId: "p1" }, { eventType: "B", projectId: "p3" }])).status).toBe(201);
    expect((await send([{ eventType: "B", projectId: "p4" }], "other-creator-key")).status).toBe(201);
  });

  it("caps new runs the same way, a whole batch at once", async () => {
    const runs = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ eventType: "R", projectId: "p1", runId: `r${from + i}` }));
    expect((await send(runs(0, 4))).status).toBe(201);
    const refused = await send(runs(4, 2));
    expect(refused.status).toBe(429);
    expect(refused.json.error?.message).toContain("INGEST_MAX_NEW_RUNS_PER_HOUR");
    expect(await prisma().run.count()).toBe(4);
  });

  it("starts counting again in the next hour", async () => {
    const start = new Date("2031-01-01T00:00:00Z");
    await assertCreationAllowed({ keyId: "k", items: [{ projectId: "x1" }, { projectId: "x2" }, { projectId: "x3" }], now: start });
    await expect(assertCreationAllowed({ keyId: "k", items: [{ projectId: "x4" }], now: new Date(start.getTime() + 3_599_000) })).rejects.toMatchObject({ code: "rate_limited" });
    await assertCreationAllowed({ keyId: "k", items: [{ projectId: "x4" }], now: new Date(start.getTime() + 3_600_000) });
  });
});
