// POST /api/admin/retention through its real handler: who may trigger it (bearer
// ADMIN_TOKEN, an admin's session), the contract's response, 400 for a bad body and 409
// while another run holds the lock.
import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database, prisma } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { signInHeaders } from "@/test/session-cookie";
import { truncateAll } from "@/test/truncate";
import { handleRetentionRequest } from "./handle-retention-request";
import { RETENTION_LOCK_KEY } from "./run-retention";

const TOKEN = "retention-test-admin-token-0123456789";
process.env.ADMIN_TOKEN = TOKEN; // read by env() on first use, after this module loads

const URL_ = "http://localhost/api/admin/retention";
const DAY = 86_400_000;
const ADMIN = { email: "admin@retention.test", password: "admin-password-0123" };
const MEMBER = { email: "member@retention.test", password: "member-password-0123" };
let adminCookie: Headers;
let memberCookie: Headers;

function post({ headers, body, query = "" }: { headers?: HeadersInit; body?: string; query?: string } = {}) {
  return handleRetentionRequest(new Request(URL_ + query, { method: "POST", headers, body }));
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  await truncateAll();
  await createUser({ ...ADMIN, role: "admin" });
  await createUser({ ...MEMBER, role: "member" });
  adminCookie = await signInHeaders(ADMIN);
  memberCookie = await signInHeaders(MEMBER);
});

beforeEach(async () => {
  await prisma().$executeRawUnsafe(`TRUNCATE event_logs, error_logs, retention_runs`);
  const old = new Date(Date.now() - 100 * DAY).toISOString();
  await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES ('old_event', 'T', ${old}::timestamptz), ('new_event', 'T', now())`;
  await prisma().$executeRaw`INSERT INTO error_logs (id, trace_id, error_type, message, created_at) VALUES ('old_error', 't', 'E', 'm', now() - interval '91 days'), ('new_error', 't', 'E', 'm', now())`;
});

describe("who may trigger it", () => {
  it.each([
    ["no credentials", {}],
    ["a wrong token, shorter", bearer("short")],
    ["a wrong token, longer", bearer(TOKEN + "-and-then-some-more-characters")],
    ["an empty bearer", { authorization: "Bearer " }],
    ["another scheme", { authorization: `Basic ${TOKEN}` }],
  ])("refuses %s with 401 and the standard error body", async (_, headers) => {
    const response = await post({ headers, body: '{"dryRun": false}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized", message: expect.any(String), details: [] } });
    expect(await prisma().eventLog.count()).toBe(2);
    expect(await prisma().retentionRun.count()).toBe(0);
  });

  it("refuses a signed-in member with 403", async () => {
    const response = await post({ headers: memberCookie });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await prisma().eventLog.count()).toBe(2);
  });

  it("accepts an admin's session, and records the admin as who asked", async () => {
    const response = await post({ headers: adminCookie });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ dryRun: false, events: { count: 1 }, errors: { count: 1 } });
    const run = await prisma().retentionRun.findFirstOrThrow();
    expect(run).toMatchObject({ trigger: "session", actor: ADMIN.email, status: "succeeded" });
  });

  it.each([
    ["a sibling subdomain's auto-submitted form", { "sec-fetch-site": "same-site", origin: "http://blog.localhost", "content-type": "text/plain" }],
    ["a sandboxed frame's form", { origin: "null", "content-type": "text/plain" }],
  ])("refuses an admin's session on %s with 403, deleting nothing", async (_, headers) => {
    const cookie = adminCookie.get("cookie")!;
    const response = await post({ headers: { ...headers, cookie }, body: '{"dryRun": false}' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("own pages") } });
    expect(await prisma().eventLog.count()).toBe(2);
    expect(await prisma().retentionRun.count()).toBe(0);
  });

  it("accepts an admin's session from its own page", async () => {
    const cookie = adminCookie.get("cookie")!;
    const response = await post({ headers: { cookie, "sec-fetch-site": "same-origin", origin: "http://localhost" }, body: '{"dryRun": true}' });
    expect(response.status).toBe(200);
  });

  it("accepts the ADMIN_TOKEN and answers as the contract says", async () => {
    const before = Date.now();
    const response = await post({ headers: bearer(TOKEN) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      dryRun: false,
      events: { cutoff: expect.any(String), count: 1 },
      errors: { cutoff: expect.any(String), count: 1 },
      durationMs: expect.any(Number),
      runId: expect.any(String),
    });
    // ISO instants, 30 and 90 days back (the defaults).
    expect(Math.abs(new Date(body.events.cutoff).getTime() - (before - 30 * DAY))).toBeLessThan(60_000);
    expect(Math.abs(new Date(body.errors.cutoff).getTime() - (before - 90 * DAY))).toBeLessThan(60_000);
    expect(body.events.cutoff).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await prisma().eventLog.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(["new_event"]);
    expect((await prisma().errorLog.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(["new_error"]);
    expect(await prisma().retentionRun.findFirstOrThrow()).toMatchObject({ trigger: "token", actor: "ADMIN_TOKEN" });
  });
});

describe("the body", () => {
  it("a dry run counts and deletes nothing", async () => {
    const response = await post({ headers: { ...bearer(TOKEN), "content-type": "application/json" }, body: '{"dryRun": true}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dryRun: true, events: { count: 1 }, errors: { count: 1 } });
    expect(await prisma().eventLog.count()).toBe(2);
    expect(await prisma().errorLog.count()).toBe(2);
  });

  it.each([
    ["{dryRun: true", "invalid_json"],
    ['{"dry_run": true}', "validation_failed"],
    // JSON.parse keeps the last key, which would make this a real run.
    ['{"dryRun": true, "dryRun": false}', "validation_failed"],
  ])("refuses %s with 400 and deletes nothing", async (body, code) => {
    const response = await post({ headers: bearer(TOKEN), body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String), details: expect.any(Array) } });
    expect(await prisma().eventLog.count()).toBe(2);
  });
});

describe("the query string", () => {
  // A cron line's `?dryRun=1` must not be read as "no body: a real run".
  it.each(["?dryRun=1", "?dryRun=true", "?dry_run", "?x=1&dryRun=false"])("refuses %s with 400, records nothing and deletes nothing", async (query) => {
    const response = await post({ headers: bearer(TOKEN), query });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: "validation_failed", message: expect.stringContaining('{"dryRun": true}') } });
    expect(body.error.details.length).toBeGreaterThan(0);
    expect(await prisma().eventLog.count()).toBe(2);
    expect(await prisma().retentionRun.count()).toBe(0);
  });
});

describe("one run at a time", () => {
  it("answers 409 while another run holds the lock", async () => {
    if (database().target.kind === "pglite") {
      // One process owns an embedded database: the lock is in-process.
      const held = await database().withLock(RETENTION_LOCK_KEY, () => post({ headers: bearer(TOKEN) }), { wait: false });
      if (!held.acquired) throw new Error("lock not acquired");
      expect(held.value.status).toBe(409);
    } else {
      // Another instance: its own connection holding the advisory lock.
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      try {
        await other.query("SELECT pg_advisory_lock($1)", [RETENTION_LOCK_KEY]);
        const response = await post({ headers: bearer(TOKEN) });
        expect(response.status).toBe(409);
        expect(await response.json()).toMatchObject({ error: { code: "conflict" } });
      } finally {
        await other.end();
      }
    }
    expect(await prisma().eventLog.count()).toBe(2);
    expect((await post({ headers: bearer(TOKEN) })).status).toBe(200);
  });

  it.runIf(database().target.kind === "postgres")("two triggers at once on PostgreSQL: one 200, one 409", async () => {
    // Make the first run wait inside its first batch: another connection holds a row lock
    // on an expired event until the second trigger has had its answer.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT id FROM event_logs WHERE id = 'old_event' FOR UPDATE");
      const first = post({ headers: bearer(TOKEN) });
      // Wait until the first run is recorded (it holds the lock from before that point).
      for (let i = 0; i < 100 && (await prisma().retentionRun.count()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      const second = await post({ headers: adminCookie });
      await blocker.query("COMMIT");
      expect([(await first).status, second.status]).toEqual([200, 409]);
    } finally {
      await blocker.end();
    }
  });
});
