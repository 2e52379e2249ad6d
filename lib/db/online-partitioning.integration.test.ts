// npm run db:partition on a populated PostgreSQL database at the previous release's schema,
// with that release's inserts going on while it prepares (#15.7).
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "@/scripts/db-partition";
import { runCaptured } from "@/test/run-cli";
import { forgetEnv } from "@/lib/env";
import { configuredTarget, openDatabase, type Database } from "./client";
import { migrate } from "./migrate";
import { partitioningState, preparePartitioning, switchToPartitioned, PARTITIONING_MIGRATION } from "./online-partitioning";
import { listPartitions } from "./partitions";
import { MIGRATIONS_DIR } from "./schema-engine";

const onPostgres = configuredTarget().kind === "postgres";
const DAY = 86_400_000;

describe.runIf(onPostgres)("npm run db:partition", { timeout: 180_000 }, () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `logdeck_partition_${randomBytes(6).toString("hex")}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  let db: Database;
  let client: pg.Client;
  const oldMigrations = mkdtempSync(path.join(tmpdir(), "logdeck-old-migrations-"));

  const extraDatabases: string[] = [];

  /** A database at the previous release's schema (every migration before the partitioning one), with its rows. */
  async function previousRelease(dbName: string): Promise<{ db: Database; client: pg.Client; url: string }> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
    const opened = openDatabase({ kind: "postgres", url: dbUrl });
    await migrate(opened, oldMigrations);
    const connected = new pg.Client({ connectionString: dbUrl });
    await connected.connect();
    await seed(connected);
    return { db: opened, client: connected, url: dbUrl };
  }

  beforeAll(async () => {
    for (const entry of readdirSync(MIGRATIONS_DIR)) {
      if (entry < PARTITIONING_MIGRATION || entry === "migration_lock.toml") cpSync(path.join(MIGRATIONS_DIR, entry), path.join(oldMigrations, entry), { recursive: true });
    }
    ({ db, client } = await previousRelease(name));
  });

  // 60 days of rows, some of them past the retention windows, as the old release stored them.
  async function seed(client: pg.Client) {
    await client.query(`INSERT INTO projects (id, name) VALUES ('p1', 'p1'), ('p2', 'p2')`);
    await client.query(`INSERT INTO runs (id, project_id, started_at) VALUES ('r1', 'p1', now() - interval '60 days'), ('r2', 'p2', now() - interval '60 days')`);
    await client.query(`
      INSERT INTO event_logs (id, event_type, payload, project_id, run_id, actor_type, created_at)
      SELECT 'ev_' || n, 'SIM_STEP', jsonb_build_object('step', n), 'p' || (1 + n % 2), 'r' || (1 + n % 2), 'system', now() - (n * interval '3 minutes')
      FROM generate_series(1, 30000) AS n`);
    await client.query(`
      INSERT INTO error_logs (id, trace_id, error_type, message, project_id, run_id, severity, created_at)
      SELECT 'er_' || n, 'trace_' || (n % 500), 'SolverError', 'Solver diverged at step ' || n, 'p1', 'r1', 'error', now() - (n * interval '30 minutes')
      FROM generate_series(1, 3000) AS n`);
  }

  afterAll(async () => {
    await client?.end().catch(() => {});
    await db?.close().catch(() => {});
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const dbName of [name, ...extraDatabases]) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    rmSync(oldMigrations, { recursive: true, force: true });
  });

  /** What the previous release's ingestion sends: one row, `ON CONFLICT (id) DO NOTHING`. */
  function oldReleaseIngesting() {
    const writer = new pg.Client({ connectionString: url });
    const stored: string[] = [];
    const failures: unknown[] = [];
    let worstMs = 0;
    let stop = false;
    const done = (async () => {
      await writer.connect();
      for (let n = 0; !stop; n++) {
        const id = `live_${n}`;
        const started = performance.now();
        try {
          // Every tenth is a retry of the one before: stored once.
          const retried = n % 10 === 9 ? `live_${n - 1}` : id;
          const result = await writer.query(
            `INSERT INTO event_logs (id, event_type, project_id, run_id, created_at) VALUES ($1, 'LIVE', 'p1', 'r1', now()) ON CONFLICT (id) DO NOTHING`,
            [retried],
          );
          if (result.rowCount === 1) stored.push(retried);
        } catch (error) {
          failures.push(error);
        }
        worstMs = Math.max(worstMs, performance.now() - started);
      }
      await writer.end();
    })();
    return {
      stored,
      failures,
      stop: async () => {
        stop = true;
        await done;
        return worstMs;
      },
    };
  }

  it("says what it needs when the database is not at the previous release's schema, and how to use it", async () => {
    expect((await runCaptured(main, [])).code).toBe(2);
    const previous = process.env.DATABASE_URL;
    const empty = `${name}_empty`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${empty}"`);
    try {
      // A database never migrated.
      process.env.DATABASE_URL = url.replace(name, empty);
      forgetEnv();
      const behind = await runCaptured(main, ["--prepare"]);
      expect(behind.code).toBe(1);
      expect(behind.stderr).toMatch(/is not at the previous release's schema \(20261202021441_run_type_indexes is not applied\)/);
    } finally {
      process.env.DATABASE_URL = previous;
      forgetEnv();
      await admin.query(`DROP DATABASE IF EXISTS "${empty}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("prepares online while the previous release ingests, then switches; nothing is lost, and the schema is the migration's", async () => {
    expect(await partitioningState(client)).toEqual({ state: "unpartitioned", prepared: false });
    const early = await withDatabaseUrl(url, () => runCaptured(main, ["--switch"]));
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/is not prepared .*run npm run db:partition -- --prepare first/);
    const ingesting = oldReleaseIngesting();
    const prepareClient = new pg.Client({ connectionString: url });
    await prepareClient.connect();
    const said: string[] = [];
    let bound: Date;
    try {
      bound = await preparePartitioning(prepareClient, (line) => said.push(line));
      // Again, as after an interruption: nothing to redo but the checks (no second backfill).
      const again: string[] = [];
      expect(await preparePartitioning(prepareClient, (line) => again.push(line))).toEqual(bound);
      expect(again.join("\n")).not.toMatch(/into log_ids|building/);
    } finally {
      await prepareClient.end();
    }
    // Let the old release write a little more after the preparation, then stop it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const worstMs = await ingesting.stop();
    expect(ingesting.failures).toEqual([]);
    expect(ingesting.stored.length).toBeGreaterThan(10);
    console.log(`db:partition --prepare: ${ingesting.stored.length} rows stored by the old release meanwhile, worst insert ${worstMs.toFixed(1)} ms`);
    expect(said.join("\n")).toMatch(/event_logs: every stored id into log_ids/);
    expect(await partitioningState(client)).toEqual({ state: "unpartitioned", prepared: true });
    expect(bound.getUTCDay()).toBe(1);
    expect(bound.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - DAY);

    // An attempt of the migration itself, killed, left its row unfinished: it must not stop the next start.
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('killed-attempt', 'x', $1, now(), 0)`,
      [PARTITIONING_MIGRATION],
    );
    await switchToPartitioned(client, () => {});
    expect(await partitioningState(client)).toEqual({ state: "partitioned" });
    // The release's own migrations: the partitioning one is done; the later ones apply.
    const applied = await migrate(db);
    expect(applied).not.toContain(PARTITIONING_MIGRATION);
    expect(applied).toContain("20261207200000_search_index");

    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    expect(await count(`SELECT count(*) AS n FROM event_logs`)).toBe(30_000 + ingesting.stored.length);
    expect(await count(`SELECT count(*) AS n FROM error_logs`)).toBe(3_000);
    // Every stored id claimed in log_ids with its row's own time.
    expect(await count(`SELECT count(*) AS n FROM event_logs e JOIN log_ids l ON l.id = e.id AND l.kind = 'event' AND l.created_at = e.created_at`)).toBe(30_000 + ingesting.stored.length);
    expect(await count(`SELECT count(*) AS n FROM log_ids WHERE kind = 'error'`)).toBe(3_000);

    const partitions = await listPartitions("event_logs", db);
    expect(partitions[0]).toEqual({ name: "event_logs_history", from: null, to: bound });
    expect(partitions.slice(1).map((p) => p.from)).toEqual([bound, new Date(bound.getTime() + 7 * DAY)]);

    // Ingestion as this release does it: a retried id is stored once whatever its time.
    const insert = (id: string, at: string) => client.query(`INSERT INTO event_logs (id, event_type, project_id, created_at) VALUES ($1, 'NEW', 'p1', $2)`, [id, at]);
    await insert("after_switch", new Date().toISOString());
    await insert("after_switch", new Date(bound.getTime() + DAY).toISOString());
    await insert("next_week", new Date(bound.getTime() + DAY).toISOString());
    expect(await count(`SELECT count(*) AS n FROM event_logs WHERE id IN ('after_switch', 'next_week')`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM event_logs_history WHERE id = 'after_switch'`)).toBe(1);

    // The schema is the one a fresh install's migrations make (this file's own database).
    const fresh = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await fresh.connect();
    try {
      for (const table of ["event_logs", "error_logs"]) {
        expect(await shape(client, table), table).toEqual(await shape(fresh, table));
      }
    } finally {
      await fresh.end();
    }
  });

  it("has nothing to do once partitioned", async () => {
    const result = await withDatabaseUrl(url, () => runCaptured(main, ["--switch"]));
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toMatch(/partitioned already/);
  });

  it("undoes a preparation with --abort, after which the previous release stores rows past B and this release's migration runs as on a database never prepared", async () => {
    const other = `${name}_abort`;
    extraDatabases.push(other);
    const previous = await previousRelease(other);
    try {
      expect(await withDatabaseUrl(previous.url, () => runCaptured(main, ["--prepare"]))).toMatchObject({ code: 0 });
      expect(await partitioningState(previous.client)).toEqual({ state: "unpartitioned", prepared: true });
      const aborted = await withDatabaseUrl(previous.url, () => runCaptured(main, ["--abort"]));
      expect(aborted).toMatchObject({ code: 0 });
      expect(await partitioningState(previous.client)).toEqual({ state: "unpartitioned", prepared: false });
      await previous.client.query(`INSERT INTO event_logs (id, event_type, created_at) VALUES ('far', 'LATER', now() + interval '60 days') ON CONFLICT (id) DO NOTHING`);
      expect(await migrate(previous.db)).toContain(PARTITIONING_MIGRATION);
      expect(Number((await previous.client.query<{ n: string }>(`SELECT count(*) AS n FROM event_logs`)).rows[0]!.n)).toBe(30_001);
    } finally {
      await previous.client.end();
      await previous.db.close();
    }
  });

  it("refuses to prepare while rows are dated more than a day ahead, saying which", async () => {
    const other = `${name}_future`;
    extraDatabases.push(other);
    const previous = await previousRelease(other);
    try {
      await previous.client.query(`INSERT INTO error_logs (id, trace_id, error_type, message, created_at) VALUES ('ahead', 't', 'E', 'm', now() + interval '3 days')`);
      const refused = await withDatabaseUrl(previous.url, () => runCaptured(main, ["--prepare"]));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error_logs has 1 row\(s\) dated after .*Correct or delete them/);
    } finally {
      await previous.client.end();
      await previous.db.close();
    }
  });
});

/** Runs `fn` with DATABASE_URL naming `url` (the CLI finds its database there). */
async function withDatabaseUrl<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  forgetEnv();
  try {
    return await fn();
  } finally {
    process.env.DATABASE_URL = previous;
    forgetEnv();
  }
}

/**
 * What must agree between a converted and a freshly migrated table: its columns, its own
 * constraints, indexes and triggers, and its history partition's indexes (their names
 * aside: PostgreSQL names a partition's indexes itself).
 */
async function shape(client: pg.Client, table: string) {
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  return {
    columns: await q(
      `SELECT column_name, data_type, column_default, is_nullable, generation_expression FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    ),
    constraints: await q(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY conname`, [table]),
    indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`, [table]),
    triggers: await q(`SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname`, [table]),
    historyIndexes: (await q(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [`${table}_history`]))
      .map((row) => String(row.indexdef).replace(/INDEX \S+ ON/, "INDEX ON"))
      .sort(),
    historyTriggers: (await q(`SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname`, [`${table}_history`])).map((row) => row.tgname),
    partitionKey: (await q(`SELECT pg_get_partkeydef($1::regclass) AS key`, [table]))[0]?.key,
  };
}
