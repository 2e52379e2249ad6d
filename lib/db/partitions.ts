import "server-only";
import { database, type Database } from "./client";

// event_logs and error_logs are partitioned by range of created_at, a week per partition
// (Monday 00:00 UTC to the next Monday), named <table>_pYYYYMMDD after their first day;
// <table>_history holds everything before the week the tables were partitioned
// (docs/partitioning.md). This module lists them and creates the coming weeks' ahead.

export const PARTITIONED_TABLES = ["event_logs", "error_logs"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

const WEEK_MS = 7 * 24 * 3_600_000;
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

export function partitionName(table: PartitionedTable, from: Date): string {
  return `${table}_p${from.toISOString().slice(0, 10).replace(/-/g, "")}`;
}

/**
 * A partitioned table's partitions ($1: its name), oldest first: name, and bounds as epoch
 * ms (null for MINVALUE/MAXVALUE), so no time zone applies. Also read by db:partition
 * (online-partitioning.ts) on its own connection.
 */
export const PARTITIONS_SQL = `SELECT c.relname AS name,
            round(extract(epoch FROM (regexp_match(b.bound, 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz) * 1000)::bigint AS from_ms,
            round(extract(epoch FROM (regexp_match(b.bound, 'TO \\(''([^'']+)''\\)'))[1]::timestamptz) * 1000)::bigint AS to_ms
     FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid
     CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
     WHERE i.inhparent = $1::regclass
     ORDER BY from_ms NULLS FIRST`;

export type PartitionRow = { name: string; from_ms: bigint | number | string | null; to_ms: bigint | number | string | null };

export function toPartition(row: PartitionRow): Partition {
  const at = (ms: PartitionRow["from_ms"]) => (ms === null ? null : new Date(Number(ms)));
  return { name: row.name, from: at(row.from_ms), to: at(row.to_ms) };
}

/** A table's partitions, oldest first, with their bounds. */
export async function listPartitions(table: PartitionedTable, db: Database = database()): Promise<Partition[]> {
  return (await db.prisma.$queryRawUnsafe<PartitionRow[]>(PARTITIONS_SQL, table)).map(toPartition);
}

/**
 * Creates the weekly partitions missing between the newest one and the week holding
 * `until` (default: now plus WEEKS_AHEAD weeks), in both tables; returns their names.
 * Each is created on its own and then attached with a CHECK constraint matching its
 * bounds: CREATE TABLE … PARTITION OF would take a lock on the parent that waits for
 * every open read and stalls ingestion meanwhile; ATTACH takes one that lets inserts and
 * reads go on, and the CHECK spares it a scan. Idempotent; safe from several instances.
 */
export async function ensurePartitions({ until, db = database() }: { until?: Date; db?: Database } = {}): Promise<string[]> {
  const last = weekStart(until ?? new Date(Date.now() + WEEKS_AHEAD * WEEK_MS));
  const result = await db.withLock(PARTITION_LOCK, async () => {
    const created: string[] = [];
    for (const table of PARTITIONED_TABLES) {
      const partitions = await listPartitions(table, db);
      const newestEnd = partitions.reduce<Date | null>((end, p) => (p.to && (!end || p.to > end) ? p.to : end), null);
      // A table with no partition yet (never, after the migration) starts at this week.
      let from = newestEnd ?? weekStart(new Date());
      while (from <= last) {
        const to = new Date(from.getTime() + WEEK_MS);
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

async function attachPartition(db: Database, table: PartitionedTable, from: Date, to: Date): Promise<void> {
  const name = partitionName(table, from);
  const [lo, hi] = [from.toISOString(), to.toISOString()];
  // Bounds are ISO instants made here, never user text; names are [a-z0-9_] only.
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(`SET LOCAL lock_timeout = ${DDL_LOCK_TIMEOUT_MS}`),
    db.prisma.$executeRawUnsafe(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING GENERATED)`),
    db.prisma.$executeRawUnsafe(
      `ALTER TABLE "${name}" ADD CONSTRAINT "${name}_bounds" CHECK (created_at >= '${lo}'::timestamptz AND created_at < '${hi}'::timestamptz)`,
    ),
    db.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${lo}') TO ('${hi}')`),
  ]);
}
