import "server-only";
import { database, prisma } from "@/lib/db/client";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";

export type RetentionTable = "event_logs" | "error_logs";

// How a run walks a table: a cursor `lo` on created_at, starting at -infinity. Each batch
//   1. finds its upper bound: the created_at of the (size+1)-th live row at or after `lo`
//      (an index scan that starts at `lo`, so it never re-reads the index entries of rows
//      earlier batches deleted — `ORDER BY created_at LIMIT n` from the start of the index
//      did, and that prefix grows with every batch: at 10M rows the old statement's later
//      batches read thousands of dead index pages each);
//   2. deletes the range [lo, bound) — or [lo, cutoff) when fewer rows are left — in one
//      short transaction, and moves `lo` to the bound.
// When more than `size` rows share created_at = lo (one ingested batch with one timestamp
// can), those go `size` at a time by ctid, so no transaction is ever larger than a batch.
// Timestamps travel as text (`to_json`: ISO 8601 with the offset and full precision), so
// no driver parses them and no time zone applies.
function statements(table: RetentionTable) {
  return {
    // to_json outside the OFFSET: inside, it ran for every skipped row (24 ms instead of
    // 4.8 ms for a 50,000-row batch at 10M rows).
    nextBound: `SELECT to_json(at) #>> '{}' AS at FROM (SELECT created_at AS at FROM ${table}
      WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz ORDER BY created_at OFFSET $3 LIMIT 1) bound`,
    deleteRange: `DELETE FROM ${table} WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz AND created_at < $3::timestamptz`,
    deleteTies: `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
      SELECT ctid FROM ${table} WHERE created_at = $1::timestamptz AND created_at < $2::timestamptz LIMIT $3))`,
    countExpired: `SELECT count(*) AS n FROM ${table} WHERE created_at < $1::timestamptz`,
  };
}
const STATEMENTS = { event_logs: statements("event_logs"), error_logs: statements("error_logs") };

export interface DeleteExpiredRowsOptions {
  table: RetentionTable;
  /** Rows strictly older than this go. Sent as an ISO instant, so no time zone applies. */
  cutoff: Date;
  /**
   * Rows per batch. Unset (production): adaptive, starting at INITIAL_BATCH_SIZE and sized
   * so each batch's transaction takes about TARGET_BATCH_MS on this database, whatever its
   * hardware and load. Set: at most this many, always (tests, benchmarks).
   */
  batchSize?: number;
  /** How long one batch may wait for a row lock before giving up and retrying. */
  lockTimeoutMs?: number;
  /** Attempts per batch before the run fails (lock timeouts, a dropped connection). */
  maxAttempts?: number;
  /**
   * The share of the time the job keeps the database busy: after a batch that took t ms it
   * idles t × (1 / dutyCycle − 1) ms, so that concurrent ingestion keeps most of the
   * machine whatever its speed. 1 deletes as fast as the database allows. Default
   * DEFAULT_DUTY_CYCLE; see the README's benchmark for the trade-off.
   */
  dutyCycle?: number;
  /** Extra idle time after each batch, on top of the duty cycle's (default 0). */
  pauseMs?: number;
  /**
   * The retention_runs row to count each batch in, in the batch's own transaction: a run
   * killed midway is recorded with exactly the rows its committed batches deleted.
   */
  recordInRun?: string;
  /**
   * After each committed batch, with the rows deleted so far from this table and the batch
   * itself: its rows and how long its transaction took (the bound lookup and any idle time
   * not included).
   */
  onBatch?: (deletedSoFar: number, batch: { rows: number; transactionMs: number }) => Promise<void> | void;
}

export const INITIAL_BATCH_SIZE = 5_000;
/**
 * The job works a quarter of the time by default. On the benchmark's 2-core machine flat
 * out (1) deleted 5M rows at ~560k rows/s but took ingestion down to ~0.5× for those
 * seconds; 0.3 gave 140–240k rows/s at 0.77–0.85×; 0.2 left ingestion 0.84–0.98× but
 * deleted only ~90k rows/s on a machine whose disk was half as fast; 0.25 is between
 * (README, Retention benchmark).
 */
export const DEFAULT_DUTY_CYCLE = 0.25;
/** What the adaptive batch size aims at: short transactions, few round trips per row. */
export const TARGET_BATCH_MS = 150;
const MIN_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 100_000;
/** A batch statement that runs this long is cancelled and retried smaller (adaptive) or again. */
const STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Deletes every row older than `cutoff` in batches, each its own short transaction with a
 * lock_timeout, so that ingestion and readers never wait long behind it and a killed
 * process loses at most one uncommitted batch (nothing half-done). Rows are deleted in
 * created_at order; a row ingested during the run with a created_at the run has already
 * passed is left for the next run. Returns the number of rows deleted.
 */
export async function deleteExpiredRows({
  table,
  cutoff,
  batchSize,
  lockTimeoutMs = 2_000,
  maxAttempts = 5,
  dutyCycle = DEFAULT_DUTY_CYCLE,
  pauseMs = 0,
  recordInRun,
  onBatch,
}: DeleteExpiredRowsOptions): Promise<number> {
  const counter = table === "event_logs" ? "events_deleted" : "errors_deleted";
  if (!(dutyCycle > 0 && dutyCycle <= 1)) throw new RangeError(`dutyCycle must be more than 0 and at most 1, got ${dutyCycle}`);
  const sql = STATEMENTS[table];
  const until = cutoff.toISOString();
  const adaptive = batchSize === undefined;
  let size = batchSize ?? INITIAL_BATCH_SIZE;
  let lo = "-infinity";
  let total = 0;
  for (;;) {
    const stepStarted = performance.now();
    const { deleted, bound, ms } = await withRetries(
      maxAttempts,
      async () => {
        const rows = await prisma().$queryRawUnsafe<{ at: string }[]>(sql.nextBound, lo, until, size);
        const bound = rows[0]?.at ?? null;
        const started = performance.now();
        const deleted = await database().transaction(
          async (run) => {
            await run("SELECT set_config('lock_timeout', $1, true)", [`${Math.floor(lockTimeoutMs)}ms`]);
            const { rowCount } = bound === lo ? await run(sql.deleteTies, [lo, until, size]) : await run(sql.deleteRange, [lo, bound ?? until, until]);
            if (recordInRun && rowCount > 0) await run(`UPDATE retention_runs SET ${counter} = ${counter} + $2, rows_trimmed = rows_trimmed + $2 WHERE id = $1`, [recordInRun, rowCount]);
            return rowCount;
          },
          { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
        );
        return { deleted, bound, ms: performance.now() - started };
      },
      // A batch that timed out (or met trouble) is tried again smaller.
      () => {
        if (adaptive) size = Math.max(MIN_BATCH_SIZE, Math.floor(size / 4));
      },
    );
    total += deleted;
    if (deleted > 0) await onBatch?.(total, { rows: deleted, transactionMs: ms });
    if (bound === null) return total;
    lo = bound;
    if (adaptive && deleted >= size / 2) {
      // Aim at TARGET_BATCH_MS from this batch's rate; change at most 2× per batch so one
      // slow moment (a checkpoint, a burst of ingestion) does not swing it.
      const next = (deleted / Math.max(ms, 1)) * TARGET_BATCH_MS;
      size = Math.round(Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, size / 2, Math.min(size * 2, next))));
    }
    const idleMs = (performance.now() - stepStarted) * (1 / dutyCycle - 1) + pauseMs;
    if (idleMs >= 1) await new Promise((resolve) => setTimeout(resolve, idleMs));
  }
}

/** How many rows `deleteExpiredRows` would delete now (a dry run). */
export async function countExpiredRows({ table, cutoff }: { table: RetentionTable; cutoff: Date }): Promise<number> {
  const rows = await prisma().$queryRawUnsafe<{ n: bigint | number }[]>(STATEMENTS[table].countExpired, cutoff.toISOString());
  return Number(rows[0]?.n ?? 0);
}

async function withRetries<T>(maxAttempts: number, fn: () => Promise<T>, beforeRetry: () => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      // Only transient trouble (lock_timeout 55P03, a statement timeout, deadlock, a lost
      // connection) is worth another go; a bug or a constraint would fail the same way again.
      if (attempt >= maxAttempts || !isDatabaseUnavailableError(error)) throw error;
      beforeRetry();
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
