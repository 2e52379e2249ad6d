import "server-only";
import { env } from "@/lib/env";
import { database, type Database } from "./client";

// event_logs and error_logs are partitioned by range of created_at, a week per partition
// by default (Monday 00:00 UTC to the next Monday; PARTITION_DAYS sets the length of new
// ones), named <table>_pYYYYMMDD after their first day;
// <table>_history holds everything before the week the tables were partitioned. log_ids
// is partitioned by range of (kind, span), a partition per kind and 28-day span
// (log_ids_<kind>_pYYYYMMDD, and log_ids_<kind>_history): here each kind's partitions
// are a "table" of their own, log_ids_event and log_ids_error, whose parent is log_ids
// (docs/partitioning.md). This module lists them and creates the coming ones ahead.

export const PARTITIONED_TABLES = ["event_logs", "error_logs"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];
/** log_ids' partitions for each log table's ids (named log_ids_<kind>_…). */
export const LOG_ID_TABLES = { event_logs: "log_ids_event", error_logs: "log_ids_error" } as const satisfies Record<PartitionedTable, string>;
export type LogIdTable = (typeof LOG_ID_TABLES)[PartitionedTable];
/** Every table whose partitions this module keeps: the log tables and log_ids' parts. */
export type RangePartitionedTable = PartitionedTable | LogIdTable;

const DAY_MS = 24 * 3_600_000;
const WEEK_MS = 7 * DAY_MS;
/** log_ids' spans: 28 days from Monday 2000-01-03 00:00 UTC (SQL: logdeck_log_id_span), so each week lies inside one. */
const SPAN_MS = 28 * DAY_MS;
const SPAN_ORIGIN_MS = Date.UTC(2000, 0, 3);
/** How far ahead of now partitions exist: the server and the retention job keep this many weeks ready. */
export const WEEKS_AHEAD = 2;
/** How long partition DDL waits for a lock before giving up (it is retried at the next call). */
const DDL_LOCK_TIMEOUT_MS = 5_000;
/** Two instances creating partitions at once queue on this lock ("LGPT"). */
const PARTITION_LOCK = 0x4c475054;

export interface Partition {
  name: string;
  /** Its bounds; null for MINVALUE/MAXVALUE. */
  from: Date | null;
  to: Date | null;
}

/** Monday 00:00 UTC of `date`'s week. */
export function weekStart(date: Date): Date {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * 24 * 3_600_000);
}

/** The start of the period of `stepMs` holding `date`, periods counted from Monday 2000-01-03 00:00 UTC. */
function periodStart(date: Date, stepMs: number): Date {
  return new Date(SPAN_ORIGIN_MS + Math.floor((date.getTime() - SPAN_ORIGIN_MS) / stepMs) * stepMs);
}

/** The start of the 28-day span holding `date`: logdeck_log_id_span in SQL. */
export function spanStart(date: Date): Date {
  return periodStart(date, SPAN_MS);
}

interface Layout {
  /** The partitioned table the partitions belong to. */
  parent: string;
  /** The time column they are cut by. */
  column: "created_at" | "span";
  step: number;
  /** The start of the partition holding a time. */
  start: (date: Date) => Date;
  /** log_ids: the kind, the first column of its partition key. */
  kind?: "event" | "error";
}

/** `days`: the log tables' partition length (PARTITION_DAYS). */
function layoutOf(table: RangePartitionedTable, days = 7): Layout {
  if (table === "log_ids_event" || table === "log_ids_error") {
    return { parent: "log_ids", column: "span", step: SPAN_MS, start: spanStart, kind: table === "log_ids_event" ? "event" : "error" };
  }
  const step = days * DAY_MS;
  return { parent: table, column: "created_at", step, start: (date) => periodStart(date, step) };
}

/** The table whose partitions `table`'s are: itself, or log_ids for its kinds. */
export function parentTable(table: RangePartitionedTable): string {
  return layoutOf(table).parent;
}

export function partitionName(table: RangePartitionedTable, from: Date): string {
  return `${table}_p${from.toISOString().slice(0, 10).replace(/-/g, "")}`;
}

/**
 * A partitioned table's partitions ($1: its name) whose names start with $2, oldest
 * first: name, and bounds as epoch ms (null for MINVALUE/MAXVALUE), so no time zone
 * applies. A bound is the time in FROM ('…') or, for log_ids, FROM ('<kind>', '…'). Also
 * read by db:partition (online-partitioning.ts) on its own connection.
 */
export const PARTITIONS_SQL = `SELECT c.relname AS name,
            round(extract(epoch FROM (regexp_match(b.bound, 'FROM \\((?:''[a-z]+'', )?''([^'']+)''\\)'))[1]::timestamptz) * 1000)::bigint AS from_ms,
            round(extract(epoch FROM (regexp_match(b.bound, 'TO \\((?:''[a-z]+'', )?''([^'']+)''\\)'))[1]::timestamptz) * 1000)::bigint AS to_ms
     FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid
     CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
     WHERE i.inhparent = $1::regclass AND starts_with(c.relname::text, $2)
     ORDER BY from_ms NULLS FIRST`;

export type PartitionRow = { name: string; from_ms: bigint | number | string | null; to_ms: bigint | number | string | null };

export function toPartition(row: PartitionRow): Partition {
  const at = (ms: PartitionRow["from_ms"]) => (ms === null ? null : new Date(Number(ms)));
  return { name: row.name, from: at(row.from_ms), to: at(row.to_ms) };
}

/** A table's partitions, oldest first, with their bounds. */
export async function listPartitions(table: RangePartitionedTable, db: Database = database()): Promise<Partition[]> {
  return (await db.prisma.$queryRawUnsafe<PartitionRow[]>(PARTITIONS_SQL, parentTable(table), `${table}_`)).map(toPartition);
}

/**
 * Creates the partitions missing between the newest one and the one holding `until`
 * (default: now plus WEEKS_AHEAD weeks), in both log tables (weeks) and in log_ids'
 * parts (spans); returns their names.
 * Each is created on its own and then attached with a CHECK constraint matching its
 * bounds: CREATE TABLE … PARTITION OF would take a lock on the parent that waits for
 * every open read and stalls ingestion meanwhile; ATTACH takes one that lets inserts and
 * reads go on, and the CHECK spares it a scan. Idempotent; safe from several instances.
 */
export async function ensurePartitions({
  until,
  db = database(),
  days = env().PARTITION_DAYS,
}: { until?: Date; db?: Database; days?: number } = {}): Promise<string[]> {
  const horizon = until ?? new Date(Date.now() + WEEKS_AHEAD * WEEK_MS);
  const result = await db.withLock(PARTITION_LOCK, async () => {
    const created: string[] = [];
    for (const table of [...PARTITIONED_TABLES, ...Object.values(LOG_ID_TABLES)]) {
      const { step, start } = layoutOf(table, days);
      const last = start(horizon);
      const partitions = await listPartitions(table, db);
      const newestEnd = partitions.reduce<Date | null>((end, p) => (p.to && (!end || p.to > end) ? p.to : end), null);
      // A table with no partition yet (never, after the migrations) starts at this period.
      let from = newestEnd ?? start(new Date());
      while (from <= last) {
        // Up to the next boundary: a partition after ones of another length (PARTITION_DAYS
        // changed) is cut short once, so that the next ones are aligned.
        const to = new Date(start(from).getTime() + step);
        await attachPartition(db, table, from, to);
        created.push(partitionName(table, from));
        from = to;
      }
    }
    return created;
  });
  return result.acquired ? result.value : [];
}

/** How often a running server checks that the coming weeks' partitions exist. */
const KEEP_AHEAD_EVERY_MS = 3_600_000;
let lastKeptAhead = 0;

/**
 * Called as ingestion stores items: at most once an hour per process, creates the weeks
 * ahead in the background (npm start creates them too, and so does every retention run),
 * so a server that runs for weeks never meets a week without its partition. An item that
 * arrives for such a week anyway has it made on the spot (insert-items.ts).
 */
export function keepPartitionsAhead(now = Date.now()): void {
  if (now - lastKeptAhead < KEEP_AHEAD_EVERY_MS) return;
  lastKeptAhead = now;
  ensurePartitions().catch((error: unknown) => {
    // Tried again at the next interval; meanwhile items still get their week on demand.
    lastKeptAhead = 0;
    console.error(`logdeck: could not create the coming weeks' partitions: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function attachPartition(db: Database, table: RangePartitionedTable, from: Date, to: Date): Promise<void> {
  const name = partitionName(table, from);
  const [lo, hi] = [from.toISOString(), to.toISOString()];
  const { parent, column, kind } = layoutOf(table);
  const check = `${kind ? `kind = '${kind}' AND ` : ""}${column} >= '${lo}'::timestamptz AND ${column} < '${hi}'::timestamptz`;
  const bound = (at: string) => (kind ? `('${kind}', '${at}')` : `('${at}')`);
  // Bounds are ISO instants made here, never user text; names are [a-z0-9_] only.
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(`SET LOCAL lock_timeout = ${DDL_LOCK_TIMEOUT_MS}`),
    db.prisma.$executeRawUnsafe(`CREATE TABLE "${name}" (LIKE "${parent}" INCLUDING DEFAULTS INCLUDING GENERATED)`),
    db.prisma.$executeRawUnsafe(`ALTER TABLE "${name}" ADD CONSTRAINT "${name}_bounds" CHECK (${check})`),
    db.prisma.$executeRawUnsafe(`ALTER TABLE "${parent}" ATTACH PARTITION "${name}" FOR VALUES FROM ${bound(lo)} TO ${bound(hi)}`),
  ]);
}
