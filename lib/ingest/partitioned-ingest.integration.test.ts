// Ingestion into the partitioned tables: ids stay unique and retries idempotent whatever
// createdAt says (log_ids), a bound key's ids are unique across events and errors
// (#11.10), and an item whose week has no partition gets a partition or a clear 400.
process.env.INGEST_KEYS = "test-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { beforeEach, describe, expect, it } from "vitest";
import { POST as postErrors } from "@/app/api/errors/route";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { listPartitions, partitionName, spanStart, weekStart } from "@/lib/db/partitions";
import { clearIngestKeyCache } from "@/lib/ingest-keys/authenticate-ingest-key";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";
import { ingestRequest, type IngestRequestInit } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";

const TRACE = "123e4567-e89b-42d3-a456-426614174000";
const DAY = 24 * 3_600_000;

async function send(path: "events" | "errors", body: unknown, init?: IngestRequestInit) {
  const response = await (path === "events" ? postEvents : postErrors)(ingestRequest(path, body, init));
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

const error = (id: string, extra: Record<string, unknown> = {}) => ({ id, traceId: TRACE, errorType: "E", message: "m", ...extra });

beforeEach(async () => {
  clearIngestKeyCache();
  await truncateAll();
  await prisma().project.createMany({ data: [{ id: "p_mine", name: "Mine" }, { id: "p_theirs", name: "Theirs" }] });
  await prisma().ingestKey.create({ data: { id: "key_mine", name: "k", prefix: "ld_mine", hash: hashIngestKey("ld_mine_secret"), projectId: "p_mine" } });
});

describe("idempotency on partitioned tables", () => {
  it("stores a retried id once whether or not it carries createdAt, even a week apart", async () => {
    const lastWeek = new Date(Date.now() - 8 * DAY).toISOString();
    expect((await send("events", { id: "retry-1", eventType: "A", createdAt: lastWeek })).status).toBe(201);
    // The retry without createdAt would be stored at the time of receipt: another partition.
    expect((await send("events", { id: "retry-1", eventType: "A" })).status).toBe(201);
    expect((await send("events", { id: "retry-1", eventType: "A", createdAt: lastWeek })).status).toBe(201);
    expect((await send("events", { id: "retry-2", eventType: "B" })).status).toBe(201);
    expect((await send("events", { id: "retry-2", eventType: "B" })).status).toBe(201);
    const rows = await prisma().eventLog.findMany({ select: { id: true, createdAt: true }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.id)).toEqual(["retry-1", "retry-2"]);
    expect(rows[0]!.createdAt.toISOString()).toBe(lastWeek);
  });

  it("stores a retried id once when the retry's time falls in another of log_ids' 28-day spans", async () => {
    // Two spans back: the claim sits in an older partition of log_ids than the retry's.
    const earlier = new Date(Date.now() - 60 * DAY);
    expect(spanStart(earlier).getTime()).toBeLessThan(spanStart(new Date()).getTime());
    expect((await send("errors", error("span-retry", { createdAt: earlier.toISOString() }))).status).toBe(201);
    expect((await send("errors", error("span-retry"))).status).toBe(201);
    expect((await send("errors", { errors: [error("span-retry"), error("span-new")] })).status).toBe(201);
    const rows = await prisma().errorLog.findMany({ select: { id: true, createdAt: true }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.id, row.createdAt.toISOString()])).toEqual([
      ["span-new", expect.any(String)],
      ["span-retry", earlier.toISOString()],
    ]);
  });

  it("stores an id twice in one batch once: the first", async () => {
    const first = new Date(Date.now() - 60 * DAY).toISOString();
    const res = await send("errors", { errors: [error("dup", { createdAt: first }), error("dup")] });
    expect(res.status).toBe(201);
    const rows = await prisma().errorLog.findMany({ select: { createdAt: true } });
    expect(rows.map((row) => row.createdAt.toISOString())).toEqual([first]);
  });
});

describe("a project-bound key's ids (issue #11.10)", () => {
  it("may not reuse another project's error id for an event: 403, nothing stored", async () => {
    expect((await send("errors", error("their-err", { projectId: "p_theirs" }))).status).toBe(201);
    const res = await send("events", { events: [{ id: "mine-1", eventType: "A" }, { id: "their-err", eventType: "A" }] }, { key: "ld_mine_secret" });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe(
      'This ingest key may only write project "p_mine"; events[1].id "their-err" is already stored for another project — ids must be unique across projects. Nothing was stored.',
    );
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("may not reuse its own project's event id for an error: 403 saying so, nothing stored", async () => {
    expect((await send("events", { id: "shared", eventType: "A" }, { key: "ld_mine_secret" })).status).toBe(201);
    const res = await send("errors", error("shared"), { key: "ld_mine_secret" });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe(
      'This ingest key may only write project "p_mine"; error.id "shared" is already the id of an event — a project-bound key\'s ids must be unique across events and errors. Nothing was stored.',
    );
    expect(res.json.error.details).toEqual([{ index: 0, field: "id", message: 'is already the id of an event of the key\'s project "p_mine"' }]);
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it("still retries its own items idempotently", async () => {
    expect((await send("errors", error("own"), { key: "ld_mine_secret" })).status).toBe(201);
    expect((await send("errors", error("own"), { key: "ld_mine_secret" })).status).toBe(201);
    expect(await prisma().errorLog.count()).toBe(1);
  });

  it("leaves a key bound to no project free to give an error an event's id, as before", async () => {
    expect((await send("events", { id: "both", eventType: "A" })).status).toBe(201);
    expect((await send("errors", error("both"))).status).toBe(201);
    expect([await prisma().eventLog.count(), await prisma().errorLog.count()]).toEqual([1, 1]);
  });
});

describe("an item whose week has no partition", () => {
  it("gets its week created when it is newer than every partition", async () => {
    // Only the history partition left (as after weeks with the server down).
    for (const partition of await listPartitions("event_logs")) {
      if (partition.from) await prisma().$executeRawUnsafe(`DROP TABLE "${partition.name}"`);
    }
    const res = await send("events", { id: "now", eventType: "A" });
    expect(res.status).toBe(201);
    const [row] = await prisma().$queryRawUnsafe<{ part: string }[]>(`SELECT tableoid::regclass::text AS part FROM event_logs WHERE id = 'now'`);
    expect(row!.part).toBe(partitionName("event_logs", weekStart(new Date())));
  });

  it("is refused with a 400 naming it when it is older than every partition kept", async () => {
    await prisma().$executeRawUnsafe(`DROP TABLE "event_logs_history"`);
    const oldest = (await listPartitions("event_logs"))[0]!.from!;
    const old = new Date(oldest.getTime() - 1).toISOString();
    const res = await send("events", { events: [{ id: "fine", eventType: "A" }, { id: "old", eventType: "A", createdAt: old }] });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.details).toEqual([{ index: 1, field: "createdAt", message: `is before ${oldest.toISOString()}, the start of the oldest partition kept by retention` }]);
    expect(await prisma().eventLog.count()).toBe(0);
  });
});
