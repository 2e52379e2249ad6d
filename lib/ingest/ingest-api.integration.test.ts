// POST /api/events and POST /api/errors as callers see them: the route handlers called
// with real Requests, against a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set). Written as a hostile or buggy client would behave.
process.env.INGEST_KEYS = "test-key,second-env-key";
process.env.CORS_ORIGINS = "https://app.example.com";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OPTIONS as eventsOptions, POST as postEvents } from "@/app/api/events/route";
import { POST as postErrors } from "@/app/api/errors/route";
import { configuredTarget, prisma } from "@/lib/db/client";
import { clearIngestKeyCache, INGEST_KEY_CACHE_TTL_MS } from "@/lib/ingest-keys/authenticate-ingest-key";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";
import { revokeIngestKey } from "@/lib/ingest-keys/revoke-ingest-key";
import { ingestRequest, type IngestRequestInit } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";

const TRACE = "123e4567-e89b-42d3-a456-426614174000";

async function send(path: "events" | "errors", body: unknown, init?: IngestRequestInit) {
  const handler = path === "events" ? postEvents : postErrors;
  const response = await handler(ingestRequest(path, body, init));
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

const countEvents = () => prisma().eventLog.count();
const countErrors = () => prisma().errorLog.count();

beforeEach(async () => {
  clearIngestKeyCache();
  await truncateAll();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Moves this process's clock (Date only: the database driver's timers keep running). */
function advanceClock(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
}

describe("POST /api/events: storing", () => {
  it("stores one event with the contract's defaults and creates its project and run", async () => {
    const before = Date.now();
    const res = await send("events", { eventType: "SIM_STARTED", projectId: "proj_new", runId: "run_new" });
    expect(res.status).toBe(201);
    expect(res.json.ids).toHaveLength(1);
    const row = await prisma().eventLog.findFirstOrThrow({ where: { id: res.json.ids[0] } });
    expect(row).toMatchObject({ eventType: "SIM_STARTED", payload: {}, actorType: "system", projectId: "proj_new", runId: "run_new", userId: null });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(await prisma().project.findUnique({ where: { id: "proj_new" } })).toMatchObject({ name: "proj_new" });
    expect(await prisma().run.findUnique({ where: { id: "run_new" } })).toMatchObject({ projectId: "proj_new", status: "running" });
  });

  it("stores a batch and answers the ids in request order, keeping the ids callers chose", async () => {
    const events = [
      { id: "evt_z", eventType: "A", createdAt: "2025-01-01T00:00:00Z" },
      { eventType: "B", payload: { step: 2, nested: { ok: true } }, actorType: "user", actorId: "u1", userId: "u1" },
      { id: "evt_a", eventType: "C", createdAt: "2025-01-01T01:00:00.123+01:00" },
    ];
    const res = await send("events", { events });
    expect(res.status).toBe(201);
    expect(res.json.ids[0]).toBe("evt_z");
    expect(res.json.ids[2]).toBe("evt_a");
    expect(res.json.ids[1]).toMatch(/^c[0-9a-z]{24}$/);
    const rows = await prisma().eventLog.findMany({ orderBy: { eventType: "asc" } });
    expect(rows.map((r) => r.eventType)).toEqual(["A", "B", "C"]);
    expect(rows[1]).toMatchObject({ payload: { step: 2, nested: { ok: true } }, actorType: "user", actorId: "u1" });
    expect(rows[2]!.createdAt.toISOString()).toBe("2025-01-01T00:00:00.123Z");
  });

  it("answers uncompressed and uncached, success or refusal (no-transform keeps Next from gzipping on the server's thread)", async () => {
    const ok = await send("events", { eventType: "A" });
    const refused = await send("events", { eventType: 1 });
    expect([ok.status, refused.status]).toEqual([201, 400]);
    expect(ok.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(refused.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("takes text/plain holding JSON (sendBeacon) and the key in ?key=", async () => {
    const res = await send("events", { eventType: "BEACON" }, { key: null, query: "?key=test-key", contentType: "text/plain;charset=UTF-8" });
    expect(res.status).toBe(201);
    expect(await countEvents()).toBe(1);
  });

  it("treats null in optional fields as absent", async () => {
    const res = await send("events", { eventType: "N", projectId: null, runId: null, payload: null, createdAt: null, actorType: null });
    expect(res.status).toBe(201);
    expect(await prisma().eventLog.findFirstOrThrow()).toMatchObject({ projectId: null, payload: {}, actorType: "system" });
  });
});

describe("idempotency", () => {
  it("a retried batch stores nothing twice and still answers 201 with the same ids", async () => {
    const body = { events: [{ id: "retry-1", eventType: "A", projectId: "p" }, { id: "retry-2", eventType: "B" }] };
    const first = await send("events", body);
    const second = await send("events", body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json.ids).toEqual(["retry-1", "retry-2"]);
    expect(await countEvents()).toBe(2);
  });

  it("a batch naming one id twice stores it once; the stored row is never overwritten", async () => {
    await send("events", { id: "dup", eventType: "ORIGINAL" });
    const res = await send("events", { events: [{ id: "dup", eventType: "CHANGED" }, { id: "dup", eventType: "AGAIN" }, { id: "fresh", eventType: "NEW" }] });
    expect(res.status).toBe(201);
    expect(res.json.ids).toEqual(["dup", "dup", "fresh"]);
    expect(await countEvents()).toBe(2);
    expect((await prisma().eventLog.findFirstOrThrow({ where: { id: "dup" } })).eventType).toBe("ORIGINAL");
  });

  it("errors are idempotent too", async () => {
    const body = { errors: [{ id: "err-1", traceId: TRACE, errorType: "API_ERROR", message: "m" }] };
    expect((await send("errors", body)).status).toBe(201);
    expect((await send("errors", body)).json.ids).toEqual(["err-1"]);
    expect(await countErrors()).toBe(1);
  });
});

describe("atomicity", () => {
  it("one invalid item stores nothing, not even the projects and runs the others name", async () => {
    const res = await send("events", {
      events: [{ eventType: "OK", projectId: "p_atomic", runId: "r_atomic" }, { eventType: "OK" }, { eventType: 42 }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ index: 2, field: "eventType", message: "must be a string" }]);
    expect(res.json.error.message).toBe("events[2].eventType must be a string");
    expect(await countEvents()).toBe(0);
    expect(await prisma().project.count()).toBe(0);
    expect(await prisma().run.count()).toBe(0);
  });

  it("a database failure in the middle of a batch stores nothing and answers 503", async () => {
    // A trigger that fails the events insert after the project and run inserts succeeded.
    await prisma().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_insert() RETURNS trigger AS $$
      BEGIN IF NEW.event_type = 'EXPLODE' THEN RAISE EXCEPTION 'disk full' USING ERRCODE = '53100'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await prisma().$executeRawUnsafe(`CREATE TRIGGER test_fail_insert BEFORE INSERT ON event_logs FOR EACH ROW EXECUTE FUNCTION test_fail_insert()`);
    try {
      const res = await send("events", { events: [{ eventType: "FINE", projectId: "p_mid", runId: "r_mid" }, { eventType: "EXPLODE" }] });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(res.json.error.code).toBe("service_unavailable");
      expect(res.json.error.message).not.toMatch(/disk full|trigger/);
      expect(await countEvents()).toBe(0);
      expect(await prisma().project.count()).toBe(0);
      expect(await prisma().run.count()).toBe(0);
    } finally {
      await prisma().$executeRawUnsafe(`DROP TRIGGER test_fail_insert ON event_logs`);
    }
  });
});

describe("new projects and runs", () => {
  it("concurrent requests creating the same project and run all succeed", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send(i % 2 ? "errors" : "events", i % 2
        ? { traceId: TRACE, errorType: "E", message: `m${i}`, projectId: "p_race", runId: "r_race" }
        : { eventType: `E${i}`, projectId: "p_race", runId: "r_race" })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(await prisma().project.count()).toBe(1);
    expect(await prisma().run.count()).toBe(1);
    expect((await countEvents()) + (await countErrors())).toBe(12);
  });

  it("an existing project keeps its name; a run first seen without a project gets one later", async () => {
    await prisma().project.create({ data: { id: "p_named", name: "Named Project" } });
    await send("events", { eventType: "A", runId: "r_late" });
    await send("events", { eventType: "B", runId: "r_late", projectId: "p_named" });
    expect((await prisma().project.findUniqueOrThrow({ where: { id: "p_named" } })).name).toBe("Named Project");
    expect((await prisma().run.findUniqueOrThrow({ where: { id: "r_late" } })).projectId).toBe("p_named");
  });
});

describe("runs and projects filled in from items", () => {
  it("moves a run's start back when an older item arrives late", async () => {
    const now = Date.now();
    await send("events", { eventType: "LATE", runId: "r_order", createdAt: new Date(now).toISOString() });
    await send("events", { eventType: "EARLY", runId: "r_order", createdAt: new Date(now - 2 * 3_600_000).toISOString() });
    await send("events", { eventType: "MIDDLE", runId: "r_order", createdAt: new Date(now - 3_600_000).toISOString() });
    expect((await prisma().run.findUniqueOrThrow({ where: { id: "r_order" } })).startedAt).toEqual(new Date(now - 2 * 3_600_000));
  });

  it("gives an item that names a run but no project the run's project, from the batch or the stored run", async () => {
    // In one batch: the first item names both, the second only the run.
    expect((await send("events", { events: [{ eventType: "A", runId: "r_fill", projectId: "p_fill" }, { eventType: "B", runId: "r_fill" }] })).status).toBe(201);
    // Later, an error naming only the run (an ErrorService configured without projectId).
    expect((await send("errors", { traceId: TRACE, errorType: "E", message: "m", runId: "r_fill" })).status).toBe(201);
    expect((await prisma().eventLog.findMany({ select: { projectId: true } })).map((e) => e.projectId)).toEqual(["p_fill", "p_fill"]);
    expect((await prisma().errorLog.findFirstOrThrow()).projectId).toBe("p_fill");
    // A run without a project leaves its items without one.
    expect((await send("events", { eventType: "C", runId: "r_none" })).status).toBe(201);
    expect((await prisma().eventLog.findFirstOrThrow({ where: { runId: "r_none" } })).projectId).toBeNull();
  });
});

describe("a project-bound key and runs of other projects", () => {
  beforeEach(async () => {
    await prisma().project.createMany({ data: [{ id: "p_mine", name: "Mine" }, { id: "p_theirs", name: "Theirs" }] });
    await prisma().run.createMany({ data: [{ id: "r_theirs", projectId: "p_theirs" }, { id: "r_mine", projectId: "p_mine" }, { id: "r_orphan", projectId: null }] });
    await prisma().ingestKey.create({ data: { id: "key_mine", name: "k", prefix: "ld_mine", hash: hashIngestKey("ld_mine_secret"), projectId: "p_mine" } });
  });

  it.each(["events", "errors"] as const)("refuses a batch naming a run of another project with 403 and stores nothing (%s)", async (path) => {
    const item = (runId: string, extra: object = {}) =>
      path === "events" ? { eventType: "X", runId, ...extra } : { traceId: TRACE, errorType: "E", message: "m", runId, ...extra };
    const res = await send(path, { [path]: [item("r_mine"), item("r_new", { projectId: "p_mine" }), item("r_theirs")] }, { key: "ld_mine_secret" });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
    expect(res.json.error.message).toBe(`This ingest key may only write project "p_mine"; ${path}[2].runId "r_theirs" is a run of another project. Nothing was stored.`);
    expect(res.json.error.details).toEqual([{ index: 2, field: "runId", message: 'is a run of another project than the key\'s project "p_mine"' }]);
    expect((await countEvents()) + (await countErrors())).toBe(0);
    expect(await prisma().run.findUnique({ where: { id: "r_new" } })).toBeNull();
    expect((await prisma().run.findUniqueOrThrow({ where: { id: "r_theirs" } })).projectId).toBe("p_theirs");
  });

  it("writes its own runs, new runs, and runs no project has claimed yet (which become its project's)", async () => {
    const res = await send("events", { events: [{ eventType: "A", runId: "r_mine" }, { eventType: "B", runId: "r_fresh" }, { eventType: "C", runId: "r_orphan" }] }, { key: "ld_mine_secret" });
    expect(res.status).toBe(201);
    const runs = await prisma().run.findMany({ where: { id: { in: ["r_mine", "r_fresh", "r_orphan"] } }, orderBy: { id: "asc" }, select: { id: true, projectId: true } });
    expect(runs).toEqual([{ id: "r_fresh", projectId: "p_mine" }, { id: "r_mine", projectId: "p_mine" }, { id: "r_orphan", projectId: "p_mine" }]);
    expect(await countEvents()).toBe(3);
  });

  it.each(["events", "errors"] as const)("refuses an id already stored for another project with 403 and stores nothing (%s)", async (path) => {
    const item = (id: string) => (path === "events" ? { id, eventType: "X" } : { id, traceId: TRACE, errorType: "E", message: "m" });
    // Another project's client (an unbound key) stored "shared-1" first.
    expect((await send(path, { ...item("shared-1"), projectId: "p_theirs" })).status).toBe(201);
    const res = await send(path, { [path]: [item("mine-1"), item("shared-1")] }, { key: "ld_mine_secret" });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe(
      `This ingest key may only write project "p_mine"; ${path}[1].id "shared-1" is already stored for another project — ids must be unique across projects. Nothing was stored.`,
    );
    expect(res.json.error.details).toEqual([{ index: 1, field: "id", message: 'is already stored for another project than the key\'s project "p_mine"' }]);
    expect((await countEvents()) + (await countErrors())).toBe(1);
  });

  it("a bound key's retry of its own batch is still idempotent (201, stored once)", async () => {
    const batch = { events: [{ id: "retry-1", eventType: "A" }, { id: "retry-2", eventType: "B", runId: "r_mine" }] };
    expect((await send("events", batch, { key: "ld_mine_secret" })).status).toBe(201);
    const again = await send("events", batch, { key: "ld_mine_secret" });
    expect(again.status).toBe(201);
    expect(again.json.ids).toEqual(["retry-1", "retry-2"]);
    expect(await countEvents()).toBe(2);
  });

  // Two bound keys naming the same NEW run at once: each statement's snapshot sees the run
  // free, so without the per-run lock both were acknowledged and one project's events
  // landed in the other's run. Only PostgreSQL runs statements concurrently.
  it.runIf(configuredTarget().kind === "postgres")("gives a new run to one of two bound keys racing for it; the other gets 403 and stores nothing", async () => {
    await prisma().project.create({ data: { id: "p_rival", name: "Rival" } });
    await prisma().ingestKey.create({ data: { id: "key_rival", name: "k", prefix: "ld_rival", hash: hashIngestKey("ld_rival_secret"), projectId: "p_rival" } });
    const batch = (runId: string, type: string) => ({ events: Array.from({ length: 300 }, () => ({ eventType: type, runId })) });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const runId = `r_race_${i}`;
        const [mine, rival] = await Promise.all([send("events", batch(runId, "MINE"), { key: "ld_mine_secret" }), send("events", batch(runId, "RIVAL"), { key: "ld_rival_secret" })]);
        return [mine.status, rival.status].sort().join("/");
      }),
    );
    expect(outcomes).toEqual(Array(12).fill("201/403"));
    const mixed = await prisma().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM event_logs e JOIN runs r ON r.id = e.run_id WHERE e.run_id LIKE 'r_race_%' AND e.project_id IS DISTINCT FROM r.project_id`;
    expect(Number(mixed[0]!.n)).toBe(0);
    expect(await countEvents()).toBe(12 * 300);
  });

  it("an unbound key may still name any run (its items are stored as sent)", async () => {
    const res = await send("events", { eventType: "A", runId: "r_theirs", projectId: "p_mine" });
    expect(res.status).toBe(201);
    expect(await prisma().eventLog.findFirstOrThrow({ select: { projectId: true, runId: true } })).toEqual({ projectId: "p_mine", runId: "r_theirs" });
  });
});

describe("auth", () => {
  it.each([
    ["no key", { key: null }],
    ["an unknown key", { key: "nope" }],
    ["a non-Bearer scheme", { key: null, headers: { authorization: "Basic dGVzdC1rZXk6" } }],
    ["an unknown ?key=", { key: null, query: "?key=nope" }],
  ] as const)("answers 401 to %s and stores nothing", async (_, init) => {
    const res = await send("events", { eventType: "X" }, init);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await countEvents()).toBe(0);
  });

  it("accepts every INGEST_KEYS entry", async () => {
    expect((await send("events", { eventType: "X" }, { key: "second-env-key" })).status).toBe(201);
  });

  it("a dashboard key bound to a project writes it, defaults items to it, and gets 403 elsewhere", async () => {
    await prisma().project.create({ data: { id: "p_bound", name: "Bound" } });
    await prisma().ingestKey.create({ data: { id: "key_bound", name: "k", prefix: "ld_bound", hash: hashIngestKey("ld_bound_secret"), projectId: "p_bound" } });
    const own = await send("events", { events: [{ eventType: "A", projectId: "p_bound" }, { eventType: "B" }] }, { key: "ld_bound_secret" });
    expect(own.status).toBe(201);
    expect((await prisma().eventLog.findMany()).map((e) => e.projectId)).toEqual(["p_bound", "p_bound"]);

    const other = await send("events", { events: [{ eventType: "A" }, { eventType: "B", projectId: "p_other" }] }, { key: "ld_bound_secret" });
    expect(other.status).toBe(403);
    expect(other.json.error.details).toEqual([{ index: 1, field: "projectId", message: 'is not the key\'s project "p_bound"' }]);
    expect(other.json.error.message).toBe('This ingest key may only write project "p_bound"; events[1] names "p_other".');
    expect(await countEvents()).toBe(2);
    expect(await prisma().project.findUnique({ where: { id: "p_other" } })).toBeNull();
    const single = await send("events", { eventType: "B", projectId: "p_other" }, { key: "ld_bound_secret" });
    expect(single.json.error.message).toBe('This ingest key may only write project "p_bound"; event names "p_other".');
  });

  it("an unbound dashboard key writes any project; revoked in this process, it gets 401 at once", async () => {
    await prisma().ingestKey.create({ data: { id: "key_any", name: "k", prefix: "ld_any", hash: hashIngestKey("ld_any_secret") } });
    expect((await send("events", { eventType: "A", projectId: "anything" }, { key: "ld_any_secret" })).status).toBe(201);
    expect(await revokeIngestKey({ id: "key_any" })).toBe("revoked");
    expect((await send("events", { eventType: "A" }, { key: "ld_any_secret" })).status).toBe(401);
    expect(await countEvents()).toBe(1);
  });

  it("a key revoked by another process (the CLI, another instance) stops working within the cache's bound", async () => {
    await prisma().ingestKey.create({ data: { id: "key_cli", name: "k", prefix: "ld_cli", hash: hashIngestKey("ld_cli_secret") } });
    expect((await send("events", { eventType: "A" }, { key: "ld_cli_secret" })).status).toBe(201);
    // What `npm run keys -- revoke` does from its own process: this one's cache never hears of it.
    await prisma().ingestKey.update({ where: { id: "key_cli" }, data: { revokedAt: new Date() } });
    expect((await send("events", { eventType: "B" }, { key: "ld_cli_secret" })).status).toBe(201);
    advanceClock(INGEST_KEY_CACHE_TTL_MS + 1);
    const res = await send("events", { eventType: "C" }, { key: "ld_cli_secret" });
    expect(res.status).toBe(401);
    expect(await countEvents()).toBe(2);
  });

  it("asks the database about an unknown key once per cache period, not on every request", async () => {
    expect((await send("events", { eventType: "A" }, { key: "ld_later_secret" })).status).toBe(401);
    // The key appears behind this process's back: the cached refusal still stands …
    await prisma().ingestKey.create({ data: { id: "key_later", name: "k", prefix: "ld_later", hash: hashIngestKey("ld_later_secret") } });
    const refused = await Promise.all(Array.from({ length: 5 }, () => send("events", { eventType: "A" }, { key: "ld_later_secret" })));
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    // … until it expires.
    advanceClock(INGEST_KEY_CACHE_TTL_MS + 1);
    expect((await send("events", { eventType: "A" }, { key: "ld_later_secret" })).status).toBe(201);
    expect(await countEvents()).toBe(1);
  });

  it("records lastUsedAt, but not on every request", async () => {
    await prisma().ingestKey.create({ data: { id: "key_used", name: "k", prefix: "ld_used", hash: hashIngestKey("ld_used_secret") } });
    await send("events", { eventType: "A" }, { key: "ld_used_secret" });
    const first = (await prisma().ingestKey.findUniqueOrThrow({ where: { id: "key_used" } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await send("events", { eventType: "B" }, { key: "ld_used_secret" });
    expect((await prisma().ingestKey.findUniqueOrThrow({ where: { id: "key_used" } })).lastUsedAt).toEqual(first);
  });
});

describe("content types", () => {
  it.each(["text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1"])("refuses %s with 415", async (contentType) => {
    const res = await send("events", { eventType: "X" }, { contentType });
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe("unsupported_media_type");
  });

  it("refuses a body with no Content-Type with 415", async () => {
    expect((await send("events", { eventType: "X" }, { contentType: null })).status).toBe(415);
  });

  it("accepts application/json with a UTF-8 charset", async () => {
    expect((await send("events", { eventType: "X" }, { contentType: "Application/JSON; charset=UTF-8" })).status).toBe(201);
  });
});

describe("limits (defaults)", () => {
  it("refuses a 10 MB body announced by Content-Length with 413 naming the limit", async () => {
    const huge = JSON.stringify({ eventType: "X", payload: { blob: "x".repeat(10 * 1024 * 1024) } });
    const res = await send("events", undefined, { raw: huge });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/INGEST_MAX_BODY_BYTES/);
  });

  it("refuses a chunked body without Content-Length once it passes the limit, without reading the rest", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"eventType":"X","payload":{"blob":"'));
      },
      pull(controller) {
        pulled++;
        if (pulled > 10_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await send("events", undefined, { raw: stream });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(40); // 1 MiB / 64 KiB = 16 chunks, plus what the stream buffers ahead
  });

  it("refuses a batch of more than 1,000 items with 413", async () => {
    const res = await send("events", { events: Array.from({ length: 1_001 }, () => ({ eventType: "X" })) });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/1001 events, more than 1000 \(INGEST_MAX_BATCH_ITEMS\)/);
  });

  it("counts every problem of a batch, listing the first 50", async () => {
    const res = await send("events", { events: Array.from({ length: 999 }, () => ({ eventType: 1 })) });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/\(and 998 more problems; the first 50 are listed in details\)$/);
    expect(res.json.error.details).toHaveLength(50);
  });

  it("accepts exactly 1,000 items", async () => {
    const res = await send("events", { events: Array.from({ length: 1_000 }, (_, i) => ({ eventType: `X${i % 7}`, runId: `r${i % 3}` })) });
    expect(res.status).toBe(201);
    expect(await countEvents()).toBe(1_000);
  });

  it.each([
    ["payload", { eventType: "X", payload: { big: "y".repeat(70_000) } }, "payload", "INGEST_MAX_PAYLOAD_BYTES"],
    ["projectId", { eventType: "X", projectId: "p".repeat(129) }, "projectId", "INGEST_MAX_ID_LENGTH"],
    ["eventType", { eventType: "E".repeat(1_025) }, "eventType", "INGEST_MAX_STRING_LENGTH"],
  ] as const)("refuses an over-long %s with 413 naming the field and the limit", async (_, item, field, limit) => {
    const res = await send("events", { events: [{ eventType: "OK" }, item] });
    expect(res.status).toBe(413);
    expect(res.json.error.details[0]).toMatchObject({ index: 1, field, limit });
    expect(res.json.error.message).toContain(limit);
    expect(await countEvents()).toBe(0);
  });

  // A btree entry holds at most 2,704 bytes: 1,024 characters of CJK text (3,072 bytes)
  // are within INGEST_MAX_STRING_LENGTH but would make PostgreSQL refuse the insert (a 500).
  it.each([
    ["events", { eventType: "漢".repeat(1_024) }, "eventType"],
    ["errors", { traceId: TRACE, errorType: "漢".repeat(342), message: "m" }, "errorType"],
  ] as const)("refuses a %s type of more than 1,024 UTF-8 bytes with 413, whatever its length in characters", async (path, item, field) => {
    const res = await send(path, item);
    expect(res.status).toBe(413);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field, limit: "INGEST_MAX_STRING_LENGTH" });
    expect(res.json.error.message).toMatch(/bytes as UTF-8, more than the 1024 bytes an indexed field can hold/);
    expect((await countEvents()) + (await countErrors())).toBe(0);
  });

  it("stores the longest type and ids an index holds, in multi-byte text", async () => {
    const type = "漢".repeat(341) + "a"; // 1,024 bytes
    const id = "漢".repeat(128); // 384 bytes: INGEST_MAX_ID_LENGTH characters
    const res = await send("events", { id, eventType: type, runId: id, projectId: id, userId: id, actorId: id });
    expect(res.status).toBe(201);
    const err = await send("errors", { id, traceId: TRACE, errorType: type, message: "m", runId: id, projectId: id });
    expect(err.status).toBe(201);
    expect(await prisma().eventLog.findFirstOrThrow({ where: { id } })).toMatchObject({ eventType: type, runId: id });
  });

  it("refuses a payload 33 levels deep with 413 naming the field and the limit", async () => {
    // A single item, so the body itself is shallow enough to reach the item check.
    const res = await send("events", { eventType: "X", payload: JSON.parse('{"a":'.repeat(33) + "1" + "}".repeat(33)) });
    expect(res.status).toBe(413);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field: "payload" + ".a".repeat(32), limit: "INGEST_MAX_DEPTH" });
    const batch = await send("events", { events: [{ eventType: "X", payload: JSON.parse('{"a":'.repeat(33) + "1" + "}".repeat(33)) }] });
    expect(batch.status).toBe(413);
    expect(batch.json.error.message).toContain("INGEST_MAX_DEPTH");
  });

  it("accepts a payload exactly 32 levels deep", async () => {
    const payload = JSON.parse('{"a":'.repeat(32) + "1" + "}".repeat(32));
    expect((await send("events", { eventType: "X", payload })).status).toBe(201);
  });

  it("refuses a 100,000-level deep body with 413 before parsing it", async () => {
    const res = await send("events", undefined, { raw: '{"eventType":"X","payload":' + "[".repeat(100_000) + "]".repeat(100_000) + "}" });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/INGEST_MAX_DEPTH/);
  });

  it("refuses an error message longer than INGEST_MAX_TEXT_LENGTH", async () => {
    const res = await send("errors", { traceId: TRACE, errorType: "E", message: "m".repeat(65_537) });
    expect(res.status).toBe(413);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field: "message", limit: "INGEST_MAX_TEXT_LENGTH" });
  });
});

describe("malformed input answers 400, naming the item and field", () => {
  const cases: [string, unknown, string, string | undefined][] = [
    ["a number as eventType", { eventType: 1 }, "must be a string", "eventType"],
    ["a missing eventType", { payload: {} }, "is required", "eventType"],
    ["an empty eventType", { eventType: "" }, "must not be empty", "eventType"],
    ["an unknown actorType", { eventType: "X", actorType: "robot" }, 'must be one of "user", "system"', "actorType"],
    ["an array as payload", { eventType: "X", payload: [1, 2] }, "must be a JSON object, not an array", "payload"],
    ["a string as payload", { eventType: "X", payload: "{}" }, "must be a JSON object, not string", "payload"],
    ["an unknown field", { eventType: "X", projectID: "p" }, "is not a known field", "projectID"],
    ["__proto__ as an item field", JSON.parse('{"eventType":"X","__proto__":{"polluted":true}}'), "is not a known field", "__proto__"],
    ["a NUL in eventType", { eventType: "A\u0000B" }, "contains a NUL character (\\u0000) at position 1, which PostgreSQL cannot store", "eventType"],
    ["a NUL in a payload value", { eventType: "X", payload: { a: ["ok", "b\u0000"] } }, "contains a NUL character (\\u0000) at position 1, which PostgreSQL cannot store", "payload.a.1"],
    ["a NUL in a payload key", { eventType: "X", payload: { "k\u0000": 1 } }, "key contains a NUL character (\\u0000) at position 1, which PostgreSQL cannot store", "payload.k\u0000"],
    ["a lone surrogate", { eventType: "X", payload: { a: "\ud800x" } }, "contains an unpaired UTF-16 surrogate at position 0, which is not valid Unicode", "payload.a"],
    ["a lone surrogate in userId", { eventType: "X", userId: "\udc00" }, "contains an unpaired UTF-16 surrogate at position 0, which is not valid Unicode", "userId"],
    ["an ANSI escape in an id", { eventType: "X", id: "\u0007\u001b[31m" }, "contains U+0007 at position 0, a control or invisible character, which an id may not hold", "id"],
    ["a zero-width runId", { eventType: "X", runId: "\u200b" }, "contains U+200B at position 0, a control or invisible character, which an id may not hold", "runId"],
    ["a newline at the end of a runId", { eventType: "X", runId: "run-1\n" }, "contains U+000A at position 5, a control or invisible character, which an id may not hold", "runId"],
    ["an Arabic letter mark (a bidi control) in an id", { eventType: "X", id: "ab\u061ccd" }, "contains U+061C at position 2, a control or invisible character, which an id may not hold", "id"],
    ["a tag character in an id", { eventType: "X", id: "ev-\u{E0041}" }, "contains U+E0041 at position 3, a control or invisible character, which an id may not hold", "id"],
    ["a Hangul filler in a userId", { eventType: "X", userId: "u\u3164" }, "contains U+3164 at position 1, a control or invisible character, which an id may not hold", "userId"],
    ["a line separator in an actorId", { eventType: "X", actorId: "a\u2028b" }, "contains U+2028 at position 1, a control or invisible character, which an id may not hold", "actorId"],
    ["a combining grapheme joiner in a projectId", { eventType: "X", projectId: "p\u034f" }, "contains U+034F at position 1, a control or invisible character, which an id may not hold", "projectId"],
    ["a padded projectId", { eventType: "X", projectId: " checkout " }, "must not begin or end with whitespace", "projectId"],
    ["an unparseable createdAt", { eventType: "X", createdAt: "yesterday" }, "must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00.000Z", "createdAt"],
    ["February 30th", { eventType: "X", createdAt: "2024-02-30T00:00:00Z" }, "must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00.000Z", "createdAt"],
    ["a createdAt without a zone", { eventType: "X", createdAt: "2024-02-01T00:00:00" }, "must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00.000Z", "createdAt"],
    ["a year-275760 createdAt", { eventType: "X", createdAt: "+275760-09-13T00:00:00Z" }, "must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00.000Z", "createdAt"],
    ["a createdAt a day ahead", { eventType: "X", createdAt: new Date(Date.now() + 86_400_000).toISOString() }, "is more than 3600 seconds in the future (INGEST_MAX_FUTURE_SECONDS)", "createdAt"],
    ["a createdAt before 1970", { eventType: "X", createdAt: "0001-01-01T00:00:00Z" }, "is before 1970-01-01T00:00:00Z", "createdAt"],
    ["a number as createdAt", { eventType: "X", createdAt: 1700000000000 }, "must be an ISO-8601 timestamp string, e.g. 2025-01-31T12:00:00.000Z", "createdAt"],
  ];
  it.each(cases)("%s", async (_, item, message, field) => {
    const res = await send("events", { events: [{ eventType: "FINE" }, item] });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.details[0]).toEqual({ index: 1, field, message });
    expect(await countEvents()).toBe(0);
  });

  it("a number too large for a double in the payload", async () => {
    const res = await send("events", undefined, { raw: '{"eventType":"X","payload":{"n":1e400}}' });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field: "payload.n" });
  });

  it.each([
    ["garbage bytes", new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]), "invalid_encoding"],
    ["invalid UTF-8 inside a JSON string", new Uint8Array([...new TextEncoder().encode('{"eventType":"'), 0xc3, 0x28, 0x22, 0x7d]), "invalid_encoding"],
    ["truncated JSON", '{"eventType": "X"', "invalid_json"],
    ["an empty body", "", "invalid_json"],
    ["a bare string", '"hello"', "validation_failed"],
    ["null", "null", "validation_failed"],
    ["a top-level array", '[{"eventType":"X"}]', "validation_failed"],
    ["events not an array", '{"events":{"eventType":"X"}}', "validation_failed"],
    ["an empty batch", '{"events":[]}', "validation_failed"],
    ["a batch with another key", '{"events":[{"eventType":"X"}],"extra":1}', "validation_failed"],
    ["a batch of arrays", '{"events":[["eventType","X"]]}', "validation_failed"],
  ] as const)("refuses %s with 400", async (_, raw, code) => {
    const res = await send("events", undefined, { raw });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(typeof res.json.error.message).toBe("string");
    expect(Array.isArray(res.json.error.details)).toBe(true);
  });

  it("stores a payload key named __proto__ as data, polluting nothing", async () => {
    const res = await send("events", undefined, { raw: '{"eventType":"X","payload":{"__proto__":{"isAdmin":true},"constructor":{"prototype":1}}}' });
    expect(res.status).toBe(201);
    const rows = await prisma().$queryRaw<{ payload: string }[]>`SELECT payload::text AS payload FROM event_logs`;
    expect(JSON.parse(rows[0]!.payload)).toEqual(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":1}}'));
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("stores emoji, CJK and escaped characters unchanged", async () => {
    const text = "😀 漢字 \"quoted\" back\\slash\ttab\nline é";
    const res = await send("events", { eventType: text, payload: { [text]: text } });
    expect(res.status).toBe(201);
    expect(await prisma().eventLog.findFirstOrThrow()).toMatchObject({ eventType: text, payload: { [text]: text } });
  });

  it("never answers 500, whatever the body", async () => {
    const bodies = [
      "{", "}", "[]", "{}", "0", "-1e999", "true", '{"events":null}', '{"events":[null]}', '{"events":[1,"a",true]}',
      '{"eventType":{"$gt":""}}', '{"eventType":"X","payload":{"a":"\\u0000"}}', '{"eventType":"X","createdAt":"2024-13-01T00:00:00Z"}',
      '{"eventType":"X","createdAt":"9999-12-31T23:59:59Z"}', '{"eventType":"X","id":""}', '{"eventType":"X","id":{}}',
      '{"eventType":"X","payload":{"a":' + "9".repeat(5000) + "}}", "\ufeff" + '{"eventType":"BOM"}',
      '{"eventType":"X","runId":"' + "\\ud83d".repeat(3) + '"}', '{"eventType":"X","payload":{"":""}}',
    ];
    for (const raw of bodies) {
      const res = await send("events", undefined, { raw });
      expect(res.status, raw.slice(0, 80)).not.toBe(500);
      expect(res.status, raw.slice(0, 80)).toBeLessThan(500);
    }
  });
});

describe("scrubbing", () => {
  it("filters credentials inside text: payload and detail strings, message, stack, endpoint", async () => {
    expect((await send("events", { eventType: "X", payload: { db: "postgresql://app:s3cr3t@db:5432/prod", ok: "plain" } })).status).toBe(201);
    expect(
      (
        await send("errors", {
          traceId: TRACE,
          errorType: "E",
          message: "connect postgresql://app:s3cr3t@db/prod failed",
          stack: "at fetch (Authorization: Bearer eyJhbGciOi.e30.sig123)",
          endpoint: "/api/export?page=1&token=abc123",
          detail: { headers: ["Bearer 0123456789abcdef"] },
        })
      ).status,
    ).toBe(201);
    expect((await prisma().eventLog.findFirstOrThrow()).payload).toEqual({ db: "postgresql://app:[Filtered]@db:5432/prod", ok: "plain" });
    expect(await prisma().errorLog.findFirstOrThrow()).toMatchObject({
      message: "connect postgresql://app:[Filtered]@db/prod failed",
      stack: "at fetch (Authorization: Bearer [Filtered])",
      endpoint: "/api/export?page=1&token=[Filtered]",
      detail: { headers: ["Bearer [Filtered]"] },
    });
  });

  it("filters secret-looking keys at any depth in payload and detail, case-insensitively", async () => {
    const payload = {
      user: { name: "ada", Password: "hunter2", profile: { API_KEY: "k", "api-key": "k2", apiKey: "k3" } },
      headers: [{ Authorization: "Bearer abc", Cookie: "sid=1", accept: "json" }],
      refresh_token: { nested: "object too" },
      clientSecret: "s",
      tokens: 5,
      note: "password in a value is not a key",
    };
    await send("events", { eventType: "LOGIN", payload });
    const row = await prisma().eventLog.findFirstOrThrow();
    expect(row.payload).toEqual({
      user: { name: "ada", Password: "[Filtered]", profile: { API_KEY: "[Filtered]", "api-key": "[Filtered]", apiKey: "[Filtered]" } },
      headers: [{ Authorization: "[Filtered]", Cookie: "[Filtered]", accept: "json" }],
      refresh_token: "[Filtered]",
      clientSecret: "[Filtered]",
      tokens: "[Filtered]",
      note: "password in a value is not a key",
    });

    await send("errors", { traceId: TRACE, errorType: "E", message: "m", detail: { request: { headers: { "set-cookie": "x" } }, db_password: "p" } });
    expect((await prisma().errorLog.findFirstOrThrow()).detail).toEqual({ request: { headers: { "set-cookie": "[Filtered]" } }, db_password: "[Filtered]" });
  });
});

describe("POST /api/errors", () => {
  it("stores an error with its defaults, lowercasing the traceId", async () => {
    const res = await send("errors", { traceId: TRACE.toUpperCase(), errorType: "API_ERROR", message: "Boom", stack: "at x", endpoint: "/api/run", projectId: "p_err", runId: "r_err" });
    expect(res.status).toBe(201);
    expect(await prisma().errorLog.findFirstOrThrow({ where: { id: res.json.ids[0] } })).toMatchObject({
      traceId: TRACE, errorType: "API_ERROR", message: "Boom", stack: "at x", endpoint: "/api/run", severity: "error", detail: null, projectId: "p_err", runId: "r_err",
    });
    expect(await prisma().run.findUnique({ where: { id: "r_err" } })).not.toBeNull();
  });

  it("stores a batch in order, with any JSON as detail", async () => {
    const errors = [
      { traceId: TRACE, errorType: "A", message: "1", severity: "critical", detail: [1, 2] },
      { traceId: TRACE, errorType: "B", message: "2", severity: "warning", detail: "text" },
      { traceId: TRACE, errorType: "C", message: "", detail: null },
    ];
    const res = await send("errors", { errors });
    expect(res.status).toBe(201);
    const rows = await Promise.all(res.json.ids.map((id: string) => prisma().errorLog.findFirstOrThrow({ where: { id } })));
    expect(rows.map((r) => [r.errorType, r.severity, r.detail])).toEqual([["A", "critical", [1, 2]], ["B", "warning", "text"], ["C", "error", null]]);
  });

  it.each([
    ["a traceId that is not a UUID", { traceId: "not-a-uuid", errorType: "E", message: "m" }, "traceId"],
    ["a missing traceId", { errorType: "E", message: "m" }, "traceId"],
    ["an unknown severity", { traceId: TRACE, errorType: "E", message: "m", severity: "fatal" }, "severity"],
    ["a number as message", { traceId: TRACE, errorType: "E", message: 5 }, "message"],
    ["a NUL in the stack", { traceId: TRACE, errorType: "E", message: "m", stack: "a\u0000" }, "stack"],
    ["events sent to /api/errors", { eventType: "X", traceId: TRACE, errorType: "E", message: "m" }, "eventType"],
  ] as const)("refuses %s with 400", async (_, item, field) => {
    const res = await send("errors", { errors: [item] });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field });
    expect(await countErrors()).toBe(0);
  });
});

describe("CORS", () => {
  const origin = "https://app.example.com";
  it("answers a preflight from an allowed origin", async () => {
    const res = await eventsOptions(new Request("http://localhost/api/events", {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    }));
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    // A browser gzipping its body (the API takes gzip) asks for this one too.
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-encoding");
  });

  it("gives an unlisted origin no permission", async () => {
    const res = await eventsOptions(new Request("http://localhost/api/events", { method: "OPTIONS", headers: { origin: "https://evil.example" } }));
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const post = await send("events", { eventType: "X" }, { headers: { origin: "https://evil.example" } });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("puts CORS headers on successes and on refusals, exposing Retry-After", async () => {
    const ok = await send("events", { eventType: "X" }, { headers: { origin } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(origin);
    expect(ok.headers.get("access-control-expose-headers")).toContain("Retry-After");
    const refused = await send("events", { eventType: "X" }, { key: null, headers: { origin } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(origin);
  });
});
