// The retention job against the real engines: the cutoff boundary for both tables (in
// far-off time zones for this process and the database session), dry runs, one run at a
// time, the audit record on success, failure and after an interrupted run.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, database, prisma } from "@/lib/db/client";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { truncateAll } from "@/test/truncate";
import { markDeadRuns } from "./mark-dead-runs";
import { INTERRUPTED_MESSAGE } from "./mark-interrupted-runs";
import { cutoffSql } from "./retention-policy";
import { RETENTION_LOCK_KEY, runRetention, type RetentionOutcome, type RetentionProgress, type RetentionStart } from "./run-retention";

const DAY = 86_400_000;
const engine = database().target.kind;

async function insertAround(start: RetentionStart) {
  const at = (cutoff: Date, deltaMs: number) => new Date(cutoff.getTime() + deltaMs).toISOString();
  const events: [string, string][] = [
    ["ev_ancient", at(start.eventCutoff, -40 * DAY)],
    ["ev_older_1ms", at(start.eventCutoff, -1)],
    ["ev_at_cutoff", at(start.eventCutoff, 0)],
    ["ev_younger_1ms", at(start.eventCutoff, 1)],
    ["ev_fresh", new Date().toISOString()],
  ];
  const errors: [string, string][] = [
    ["er_ancient", at(start.errorCutoff, -400 * DAY)],
    ["er_older_1ms", at(start.errorCutoff, -1)],
    ["er_at_cutoff", at(start.errorCutoff, 0)],
    ["er_younger_1ms", at(start.errorCutoff, 1)],
    ["er_fresh", new Date().toISOString()],
  ];
  // ISO instants cast to timestamptz, as the ingestion API stores them: Prisma's own
  // DateTime parameters carry no offset, and a non-UTC session would shift them.
  for (const [id, createdAt] of events) {
    await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES (${id}, 'T', ${createdAt}::timestamptz)`;
  }
  for (const [id, createdAt] of errors) {
    await prisma().$executeRaw`INSERT INTO error_logs (id, trace_id, error_type, message, created_at) VALUES (${id}, 't', 'E', 'm', ${createdAt}::timestamptz)`;
  }
}

const remaining = async () => ({
  events: (await prisma().eventLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id),
  errors: (await prisma().errorLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id),
});

async function completed(result: Awaited<ReturnType<typeof runRetention>>): Promise<RetentionOutcome> {
  if (result.status !== "completed") throw new Error("expected the run to complete, it was busy");
  return result.outcome;
}

beforeEach(truncateAll);

describe("the cutoff boundary, whatever the time zones", () => {
  const serverZone = process.env.TZ;
  beforeAll(async () => {
    // This process far west, the database session far east: a cutoff computed in either
    // zone's local time would be off by a day.
    process.env.TZ = "Pacific/Pago_Pago";
    if (engine === "postgres") {
      await prisma().$executeRawUnsafe(
        `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Pacific/Kiritimati'); END $$`,
      );
      await closeDatabase(); // new connections pick the zone up
    } else {
      await prisma().$executeRawUnsafe(`SET TIME ZONE 'Pacific/Kiritimati'`); // PGlite has one session
    }
    const rows = await prisma().$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`;
    // On PostgreSQL lib/db/client.ts starts every session in UTC whatever the database's
    // default (Prisma's DateTime parameters carry no offset); PGlite's one session was
    // switched by hand above, so there the job runs in a far-off session zone.
    expect(rows[0]?.zone).toBe(engine === "postgres" ? "UTC" : "Pacific/Kiritimati");
  });
  afterAll(async () => {
    process.env.TZ = serverZone;
    // Back to UTC: the other tests read timestamps through Prisma.
    if (engine === "postgres") {
      await prisma().$executeRawUnsafe(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET timezone', current_database()); END $$`);
      await closeDatabase();
    } else {
      await prisma().$executeRawUnsafe(`SET TIME ZONE 'UTC'`);
    }
  });

  it("deletes rows 1 ms older than each table's cutoff and keeps those at it or 1 ms younger", async () => {
    const outcome = await completed(await runRetention({ trigger: "cli", actor: "cli", onStart: insertAround }));
    // Times read as epoch milliseconds: no driver's timestamp parsing in between.
    const kept = await prisma().$queryRaw<{ id: string; ms: bigint }[]>`
      SELECT id, round(extract(epoch FROM created_at) * 1000)::bigint AS ms FROM event_logs ORDER BY created_at`;
    expect(kept.slice(0, 2).map((r) => [r.id, Number(r.ms) - outcome.eventCutoff.getTime()])).toEqual([
      ["ev_at_cutoff", 0],
      ["ev_younger_1ms", 1],
    ]);
    expect(await remaining()).toEqual({
      events: ["ev_at_cutoff", "ev_fresh", "ev_younger_1ms"],
      errors: ["er_at_cutoff", "er_fresh", "er_younger_1ms"],
    });
    expect(outcome).toMatchObject({ dryRun: false, eventsCount: 2, errorsCount: 2 });
    // The policy's defaults (30 and 90 days) measured from the database's clock.
    expect(Math.abs(Date.now() - 30 * DAY - outcome.eventCutoff.getTime())).toBeLessThan(60_000);
    expect(Math.abs(Date.now() - 90 * DAY - outcome.errorCutoff.getTime())).toBeLessThan(60_000);
  });

  it("counts a policy's days as 24 hours each, even across a daylight-saving change in the session's zone", async () => {
    // On 2026-03-08 New York moved its clocks forward: 30 calendar days before noon UTC on
    // 2026-03-20, counted in New York, is 13:00 UTC; 30 × 24 hours before it is 12:00 UTC.
    const ms = await prisma().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TimeZone = 'America/New_York'`);
      const [row] = await tx.$queryRaw<{ ms: bigint }[]>`
        SELECT round(extract(epoch FROM ${cutoffSql(30, Prisma.sql`${"2026-03-20T12:00:00Z"}::timestamptz`)}) * 1000)::bigint AS ms`;
      return Number(row!.ms);
    });
    expect(new Date(ms).toISOString()).toBe("2026-02-18T12:00:00.000Z");
  });
});

it("a dry run counts what would go and deletes nothing", async () => {
  const outcome = await completed(await runRetention({ trigger: "session", actor: "a@x.test", dryRun: true, onStart: insertAround }));
  expect(outcome).toMatchObject({ dryRun: true, eventsCount: 2, errorsCount: 2 });
  expect((await remaining()).events).toHaveLength(5);
  expect((await remaining()).errors).toHaveLength(5);
  const record = await prisma().retentionRun.findUniqueOrThrow({ where: { id: outcome.id } });
  expect(record).toMatchObject({ dryRun: true, status: "succeeded", eventsDeleted: 2n, errorsDeleted: 2n, trigger: "session", actor: "a@x.test" });
});

it("deletes in batches, reporting progress, until nothing expired is left", async () => {
  const old = new Date(Date.now() - 100 * DAY);
  await prisma().eventLog.createMany({ data: Array.from({ length: 23 }, (_, i) => ({ id: `e${i}`, eventType: "T", createdAt: old })) });
  await prisma().errorLog.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ id: `x${i}`, traceId: "t", errorType: "E", message: "m", createdAt: old })) });
  const seen: RetentionProgress[] = [];
  const outcome = await completed(await runRetention({ trigger: "cli", actor: "cli", batchSize: 5, onProgress: (p) => void seen.push(p) }));
  expect(outcome).toMatchObject({ eventsCount: 23, errorsCount: 7 });
  expect(seen.map((p) => p.eventsDeleted).slice(0, 5)).toEqual([5, 10, 15, 20, 23]);
  expect(seen.at(-1)).toMatchObject({ eventsDeleted: 23, errorsDeleted: 7, lastBatch: { table: "error_logs", rows: 2 } });
  expect(seen.every((p) => p.lastBatch!.rows <= 5 && p.lastBatch!.transactionMs >= 0)).toBe(true);
  expect(await remaining()).toEqual({ events: [], errors: [] });
});

it("records a successful run: who, cutoffs, counts, duration, outcome", async () => {
  const outcome = await completed(await runRetention({ trigger: "token", actor: "ADMIN_TOKEN", onStart: insertAround }));
  const record = await prisma().retentionRun.findUniqueOrThrow({ where: { id: outcome.id } });
  expect(record).toMatchObject({
    trigger: "token",
    actor: "ADMIN_TOKEN",
    dryRun: false,
    status: "succeeded",
    eventCutoff: outcome.eventCutoff,
    errorCutoff: outcome.errorCutoff,
    eventsDeleted: 2n,
    errorsDeleted: 2n,
    durationMs: outcome.durationMs,
    error: null,
  });
  expect(record.finishedAt!.getTime()).toBeGreaterThanOrEqual(record.startedAt.getTime());
});

it("runs one at a time: a trigger while another run holds the lock is told it is busy", async () => {
  let second: Awaited<ReturnType<typeof runRetention>> | undefined;
  const first = await runRetention({
    trigger: "cli",
    actor: "cli",
    // The second trigger arrives while the first holds the lock (on PostgreSQL, from
    // another pooled connection).
    onStart: async () => {
      second = await runRetention({ trigger: "token", actor: "ADMIN_TOKEN" });
    },
  });
  expect(first.status).toBe("completed");
  expect(second).toEqual({ status: "busy" });
  expect(await prisma().retentionRun.count()).toBe(1);
  // Released afterwards.
  expect((await runRetention({ trigger: "cli", actor: "cli", dryRun: true })).status).toBe("completed");
});

it("records a failed run with its error and the rows deleted before it failed, then throws", async () => {
  const old = new Date(Date.now() - 400 * DAY);
  await prisma().eventLog.createMany({ data: [{ id: "e1", eventType: "T", createdAt: old }] });
  await prisma().errorLog.createMany({ data: [{ id: "x1", traceId: "t", errorType: "E", message: "m", createdAt: old }] });
  // A real database failure: deleting from error_logs raises.
  await prisma().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION retention_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$`);
  await prisma().$executeRawUnsafe(`CREATE TRIGGER retention_test_refuse BEFORE DELETE ON error_logs FOR EACH ROW EXECUTE FUNCTION retention_test_refuse()`);
  try {
    await expect(runRetention({ trigger: "cli", actor: "cli" })).rejects.toThrow(/refused by a test trigger/);
  } finally {
    await prisma().$executeRawUnsafe(`DROP TRIGGER retention_test_refuse ON error_logs`);
  }
  const [record] = await prisma().retentionRun.findMany();
  expect(record).toMatchObject({ status: "failed", eventsDeleted: 1n, errorsDeleted: 0n });
  expect(record!.error).toMatch(/refused by a test trigger/);
  expect(record!.durationMs).toBeGreaterThanOrEqual(0);
  expect(record!.finishedAt).not.toBeNull();
  expect(await remaining()).toEqual({ events: [], errors: ["x1"] });
});

it("after an interrupted run, marks it failed ('interrupted') and finishes the work", async () => {
  // What a killed process leaves: its row still 'running', some rows already deleted (each
  // batch committed on its own), the rest still there.
  const cutoff = new Date(Date.now() - 30 * DAY);
  await prisma().retentionRun.create({
    data: { id: "killed", trigger: "cli", actor: "cli", dryRun: false, status: "running", eventCutoff: cutoff, errorCutoff: cutoff, eventsDeleted: 5000n },
  });
  await prisma().eventLog.createMany({ data: [{ id: "left_over", eventType: "T", createdAt: new Date(Date.now() - 31 * DAY) }] });
  const outcome = await completed(await runRetention({ trigger: "cli", actor: "cli" }));
  expect(outcome.eventsCount).toBe(1);
  const killed = await prisma().retentionRun.findUniqueOrThrow({ where: { id: "killed" } });
  expect(killed).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE, eventsDeleted: 5000n });
  expect(killed.finishedAt).not.toBeNull();
});

it("marks a run whose process died as interrupted without waiting for the next run, keeping its counts, and leaves a live run alone", async () => {
  const cutoff = new Date(Date.now() - 30 * DAY);
  await prisma().retentionRun.create({
    data: { id: "killed", trigger: "token", actor: "ADMIN_TOKEN", dryRun: false, status: "running", eventCutoff: cutoff, errorCutoff: cutoff, eventsDeleted: 475_000n },
  });
  // While a run holds the lock (on PostgreSQL, on a connection of its own), the row is that
  // live run's: untouched.
  let release!: () => void;
  const live = database().withLock(RETENTION_LOCK_KEY, () => new Promise<void>((resolve) => (release = resolve)), { wait: false });
  try {
    for (let i = 0; i < 100 && !release; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await markDeadRuns()).toBe(0);
  } finally {
    release();
    expect(await live).toEqual({ acquired: true, value: undefined });
  }
  expect(await prisma().retentionRun.findUniqueOrThrow({ where: { id: "killed" } })).toMatchObject({ status: "running", finishedAt: null });

  // Nobody holds the lock: the process that wrote 'running' is gone.
  expect(await markDeadRuns()).toBe(1);
  const killed = await prisma().retentionRun.findUniqueOrThrow({ where: { id: "killed" } });
  expect(killed).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE, eventsDeleted: 475_000n, errorsDeleted: 0n });
  expect(killed.finishedAt).not.toBeNull();
  expect(await markDeadRuns()).toBe(0);
});

it("reports and records the rows its committed batches deleted, even when a commit's acknowledgement was lost and the batch retried", async () => {
  const old = new Date(Date.now() - 100 * DAY);
  await prisma().eventLog.createMany({ data: Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, eventType: "T", createdAt: new Date(old.getTime() + i * 1_000) })) });
  // The first batch commits, then the connection drops before the client hears so: the
  // job sees a lost connection and retries the batch, which finds those rows gone.
  const db = database();
  const transaction = db.transaction.bind(db);
  let calls = 0;
  const spy = vi.spyOn(db, "transaction").mockImplementation(async (fn, options) => {
    const value = await transaction(fn, options);
    if (++calls === 1) throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
    return value;
  });
  try {
    const outcome = await completed(await runRetention({ trigger: "cli", actor: "cli", batchSize: 5 }));
    expect(calls).toBeGreaterThan(1);
    expect(await prisma().eventLog.count()).toBe(0);
    expect(outcome.eventsCount).toBe(12);
    const record = await prisma().retentionRun.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(record).toMatchObject({ status: "succeeded", eventsDeleted: 12n, errorsDeleted: 0n });
  } finally {
    spy.mockRestore();
  }
});

// On PostgreSQL the lock is an advisory lock held by one connection that otherwise sits
// idle while the run deletes on others.
describe.runIf(engine === "postgres")("the lock on PostgreSQL", () => {
  const insertOld = (n: number) =>
    prisma().eventLog.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, eventType: "T", createdAt: new Date(Date.now() - 100 * DAY + i * 1_000) })) });
  const setIdleTimeout = async (value: string | null) => {
    await prisma().$executeRawUnsafe(
      value === null
        ? `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET idle_session_timeout', current_database()); END $$`
        : `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET idle_session_timeout = %L', current_database(), '${value}'); END $$`,
    );
    await closeDatabase(); // new connections pick it up
  };

  it("is kept through the server's idle_session_timeout: a trigger during a long run is still told it is busy", async () => {
    await insertOld(15);
    await setIdleTimeout("2500ms");
    try {
      let second: Awaited<ReturnType<typeof runRetention>> | undefined;
      // Three batches with 3 s between them: the lock's connection idles past the timeout.
      const first = await runRetention({
        trigger: "cli",
        actor: "cli",
        batchSize: 5,
        pauseMs: 3_000,
        onProgress: async ({ eventsDeleted }) => {
          if (eventsDeleted === 10) second = await runRetention({ trigger: "token", actor: "ADMIN_TOKEN", dryRun: true });
        },
      });
      expect(first.status).toBe("completed");
      expect(second).toEqual({ status: "busy" });
      expect(await prisma().eventLog.count()).toBe(0);
    } finally {
      await setIdleTimeout(null);
    }
  }, 60_000);

  it("stops a run whose lock's connection was closed, records it failed, and the next run finishes the work", async () => {
    await insertOld(20);
    const killLockConnection = async () => {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [RETENTION_LOCK_KEY],
        );
        expect(rows[0].n).toBe(1);
      } finally {
        await admin.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // the client hears of it
    };
    await expect(
      runRetention({
        trigger: "cli",
        actor: "cli",
        batchSize: 5,
        onProgress: async ({ eventsDeleted }) => {
          if (eventsDeleted === 5) await killLockConnection();
        },
      }),
    ).rejects.toThrow(/lost database lock/);
    const [failed] = await prisma().retentionRun.findMany();
    expect(failed).toMatchObject({ status: "failed", eventsDeleted: 10n, error: expect.stringMatching(/lost database lock/) });
    expect(await prisma().eventLog.count()).toBe(10);
    const next = await completed(await runRetention({ trigger: "cli", actor: "cli" }));
    expect(next.eventsCount).toBe(10);
    expect(await prisma().eventLog.count()).toBe(0);
  });
});
