// Migration 20261208100000_log_ids_by_span on a database with rows (issue #15): the ids
// the unpartitioned log_ids held move into its span partitions, each with its span, and
// ingestion's idempotency holds across the change.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { configuredTarget, openDatabase, type Database } from "./client";
import { migrate } from "./migrate";
import { listPartitions, spanStart } from "./partitions";
import { MIGRATIONS_DIR } from "./schema-engine";

const MIGRATION = "20261208100000_log_ids_by_span";
const DAY = 86_400_000;
const target = configuredTarget();

describe("migration log_ids_by_span", { timeout: 180_000 }, () => {
  const before = mkdtempSync(path.join(tmpdir(), "logdeck-before-span-"));
  const name = `logdeck_span_${randomBytes(6).toString("hex")}`;
  let db: Database | undefined;

  afterAll(async () => {
    await db?.close();
    rmSync(before, { recursive: true, force: true });
    if (target.kind === "postgres") {
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("moves every stored id into its span, and the trigger goes on claiming ids there", async () => {
    for (const entry of readdirSync(MIGRATIONS_DIR)) {
      if (entry < MIGRATION || entry === "migration_lock.toml") cpSync(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
    }
    if (target.kind === "postgres") {
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      db = openDatabase({ kind: "postgres", url: Object.assign(new URL(target.url), { pathname: `/${name}` }).toString() });
    } else {
      db = openDatabase({ kind: "pglite", dataDir: "memory://" });
    }
    await migrate(db, before);
    // 90 days of rows under the previous layout: claimed in the unpartitioned log_ids.
    const now = Date.now();
    const times = Array.from({ length: 90 }, (_, day) => new Date(now - day * DAY - 60_000));
    for (const [i, at] of times.entries()) {
      await db.prisma.$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES (${`ev_${i}`}, 'T', ${at.toISOString()}::timestamptz)`;
      await db.prisma.$executeRaw`INSERT INTO error_logs (id, trace_id, error_type, message, created_at) VALUES (${`er_${i}`}, 't', 'E', 'm', ${at.toISOString()}::timestamptz)`;
    }
    expect(await db.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM log_ids`)).toEqual([{ n: 180 }]);

    await migrate(db);

    const claims = await db.prisma.$queryRawUnsafe<{ id: string; kind: string; span: Date; created_at: Date }[]>(
      `SELECT id, kind, span, created_at FROM log_ids ORDER BY kind, id`,
    );
    expect(claims).toHaveLength(180);
    for (const claim of claims) expect(claim.span.toISOString(), claim.id).toBe(spanStart(claim.created_at).toISOString());
    // Spans partition each kind's ids, a history partition before the first.
    for (const table of ["log_ids_event", "log_ids_error"] as const) {
      const partitions = await listPartitions(table, db);
      expect(partitions[0]).toMatchObject({ name: `${table}_history`, from: null });
      for (const partition of partitions.slice(1)) expect(partition.to!.getTime() - partition.from!.getTime()).toBe(28 * DAY);
      expect(partitions.at(-1)!.to!.getTime()).toBeGreaterThan(now + 14 * DAY);
    }
    // The trigger still claims in the row's span: a row sent again with its time is skipped
    // (one sent without, in another span, is skipped by ingestion: partitioned-ingest tests).
    const old = times[80]!;
    await db.prisma.$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES ('ev_80', 'T', ${old.toISOString()}::timestamptz)`;
    expect(await db.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM event_logs WHERE id = 'ev_80'`)).toEqual([{ n: 1 }]);
    // Deleting a row keeps its id claimed (no release trigger any more); TRUNCATE frees them all.
    await db.prisma.$executeRawUnsafe(`DELETE FROM event_logs WHERE id = 'ev_1'`);
    expect(await db.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM log_ids WHERE id = 'ev_1'`)).toEqual([{ n: 1 }]);
    await db.prisma.$executeRawUnsafe(`TRUNCATE event_logs`);
    expect(await db.prisma.$queryRawUnsafe(`SELECT kind, count(*)::int AS n FROM log_ids GROUP BY kind`)).toEqual([{ kind: "error", n: 90 }]);
  });
});
