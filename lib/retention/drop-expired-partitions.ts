import "server-only";
import { database, prisma, type SqlRunner } from "@/lib/db/client";
import { DEFAULT_DUTY_CYCLE } from "./delete-expired-rows";
import { listPartitions, parentTable, type Partition, type RangePartitionedTable } from "@/lib/db/partitions";

// Retention's cheap half: a partition whose every row is older than the cutoff (its end
// at or before it) goes whole — DETACH … CONCURRENTLY, then DROP. The detach waits for
// the queries already reading the table instead of blocking new inserts behind an
// ACCESS EXCLUSIVE lock (a plain DROP stalled ingestion for as long as the longest
// read); the drop then touches only the detached table, which nothing reads. A dropped
// partition writes almost no WAL and gives its disk back at once. The partition holding
// the cutoff, and anything older not yet dropped, is trimmed by deleteExpiredRows.
// log_ids' parts (log_ids_event, log_ids_error) lose their expired 28-day spans the same
// way, after their log table: an id then stays claimed until its span goes.

/** The partitions of `table` entirely older than `cutoff`, oldest first. */
export async function findExpiredPartitions(table: RangePartitionedTable, cutoff: Date): Promise<Partition[]> {
  return (await listPartitions(table)).filter((partition) => partition.to !== null && partition.to.getTime() <= cutoff.getTime());
}

/** Rows in a partition (a dry run's count, and a real run's before the drop). */
async function countRows(name: string): Promise<number> {
  const rows = await prisma().$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "${name}"`);
  return Number(rows[0]?.n ?? 0);
}

/** A dry run's view: how many partitions would be dropped, holding how many rows. */
export async function countExpiredPartitions(table: RangePartitionedTable, cutoff: Date): Promise<{ partitions: number; rows: number }> {
  let rows = 0;
  const expired = await findExpiredPartitions(table, cutoff);
  for (const partition of expired) rows += await countRows(partition.name);
  return { partitions: expired.length, rows };
}

export interface DropExpiredPartitionsOptions {
  table: RangePartitionedTable;
  cutoff: Date;
  /** The retention_runs row whose counts grow with each partition dropped (log tables only). */
  recordInRun?: string;
  /** After each partition dropped, with its rows. */
  onDropped?: (partition: { name: string; rows: number }) => Promise<void> | void;
  /**
   * As the batched delete's (default DEFAULT_DUTY_CYCLE): after a drop that took t ms,
   * idle t × (1 / dutyCycle − 1) ms before the next.
   * Each drop locks runs and projects for a moment (below), which holds ingestion's
   * foreign-key checks; thirty of them back to back (a month of daily partitions) cut
   * ingestion to 0.70× while they ran (bench:retention).
   */
  dutyCycle?: number;
  /** Extra idle time after each drop (default 0). */
  pauseMs?: number;
}

/** Drops every partition of `table` older than `cutoff`; returns how many and their rows. */
export async function dropExpiredPartitions({
  table,
  cutoff,
  recordInRun,
  onDropped,
  dutyCycle = DEFAULT_DUTY_CYCLE,
  pauseMs = 0,
}: DropExpiredPartitionsOptions): Promise<{ partitions: number; rows: number }> {
  await finishInterruptedDetaches(table);
  const counter = table === "event_logs" ? "events_deleted" : table === "error_logs" ? "errors_deleted" : null;
  let partitions = 0;
  let rows = 0;
  let lastDropMs = 0;
  for (const partition of await findExpiredPartitions(table, cutoff)) {
    if (partitions > 0) {
      const idleMs = lastDropMs * (1 / dutyCycle - 1) + pauseMs;
      if (idleMs >= 1) await new Promise((resolve) => setTimeout(resolve, idleMs));
    }
    const started = performance.now();
    const n = await countRows(partition.name);
    await prisma().$executeRawUnsafe(`ALTER TABLE "${parentTable(table)}" DETACH PARTITION "${partition.name}" CONCURRENTLY`);
    await dropDetached(partition.name, async (sql) => {
      if (recordInRun && counter) {
        await sql(`UPDATE retention_runs SET ${counter} = ${counter} + $2, partitions_dropped = partitions_dropped + 1 WHERE id = $1`, [recordInRun, n]);
      }
    });
    partitions += 1;
    rows += n;
    lastDropMs = performance.now() - started;
    await onDropped?.({ name: partition.name, rows: n });
  }
  return { partitions, rows };
}

/**
 * How long the DROP may wait for a lock: well under PostgreSQL's deadlock_timeout (1 s).
 * Dropping the detached table drops its foreign keys, which takes an ACCESS EXCLUSIVE
 * lock on runs and projects for a moment; ingestion's foreign-key checks lock those too,
 * in their own order, and the two deadlocked under load (bench:retention: PostgreSQL
 * killed an ingesting transaction). Giving up first, and trying again, means the
 * deadlock detector never runs and ingestion never waits longer than this.
 */
const DROP_LOCK_TIMEOUT_MS = 100;
const DROP_ATTEMPTS = 200;

/** Drops a detached partition, with `record` in the same transaction (the run's counts). */
async function dropDetached(name: string, record: (sql: SqlRunner) => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await database().transaction(
        async (sql) => {
          await sql(`SET LOCAL lock_timeout = ${DROP_LOCK_TIMEOUT_MS}`);
          await sql(`DROP TABLE "${name}"`);
          await record(sql);
        },
        { statementTimeoutMs: 60_000 },
      );
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= DROP_ATTEMPTS || (code !== "55P03" && code !== "40P01")) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * attempt)));
    }
  }
}

/**
 * A run killed during DETACH … CONCURRENTLY leaves the partition "detach pending" (still
 * listed, no longer used for new rows); one killed between the detach and the drop leaves
 * a detached table. Either is finished here, so retention never leaves one behind.
 */
async function finishInterruptedDetaches(table: RangePartitionedTable): Promise<void> {
  const parent = parentTable(table);
  const pending = await prisma().$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = $1::regclass AND i.inhdetachpending AND starts_with(c.relname::text, $2)`,
    parent,
    `${table}_`,
  );
  for (const { name } of pending) await prisma().$executeRawUnsafe(`ALTER TABLE "${parent}" DETACH PARTITION "${name}" FINALIZE`);
  // Tables named as this table's partitions that are no partition of it: detached, not dropped.
  const orphans = await prisma().$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition
       AND (c.relname ~ ('^' || $1 || '_p[0-9]{8}$') OR c.relname = $1 || '_history')`,
    table,
  );
  for (const { name } of orphans) await dropDetached(name, async () => {});
}
