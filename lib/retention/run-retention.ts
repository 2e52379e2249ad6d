import "server-only";
import { database, prisma, type HeldLock } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ensurePartitions, LOG_ID_TABLES } from "@/lib/db/partitions";
import { countExpiredRows, deleteExpiredRows, type RetentionTable } from "./delete-expired-rows";
import { countExpiredPartitions, dropExpiredPartitions } from "./drop-expired-partitions";
import { markInterruptedRuns } from "./mark-interrupted-runs";
import { cutoffSql, getRetentionPolicy } from "./retention-policy";

/** The database-wide lock one retention run holds ("LGRT"); a second trigger gets busy. */
export const RETENTION_LOCK_KEY = 0x4c475254;

export type RetentionTrigger = "token" | "session" | "cli";

export interface RetentionStart {
  id: string;
  dryRun: boolean;
  eventCutoff: Date;
  errorCutoff: Date;
}

export interface RetentionProgress {
  eventsDeleted: number;
  errorsDeleted: number;
  /** The batch just committed: its table, rows and transaction time. */
  lastBatch?: { table: RetentionTable; rows: number; transactionMs: number };
}

export interface RetentionOutcome extends RetentionStart {
  /** Rows deleted, or on a dry run the rows that would be. */
  eventsCount: number;
  errorsCount: number;
  /** Of those: whole partitions dropped (both tables), and rows deleted batch by batch. */
  partitionsDropped: number;
  rowsTrimmed: number;
  durationMs: number;
}

export type RunRetentionResult = { status: "completed"; outcome: RetentionOutcome } | { status: "busy" };

export interface RunRetentionOptions {
  trigger: RetentionTrigger;
  /** Recorded as who asked: a user's email, "ADMIN_TOKEN" or "cli". */
  actor: string;
  dryRun?: boolean;
  /** Rows per batch (default: adaptive; see deleteExpiredRows). */
  batchSize?: number;
  /** The share of the time the job keeps the database busy (see deleteExpiredRows). */
  dutyCycle?: number;
  /** Extra idle milliseconds between batches (default 0). */
  pauseMs?: number;
  /** Once the cutoffs are fixed and the run is recorded, before any row is touched. */
  onStart?: (start: RetentionStart) => Promise<void> | void;
  /** After each batch, with the rows deleted so far. */
  onProgress?: (progress: RetentionProgress) => Promise<void> | void;
}


/**
 * The retention job: deletes events older than EVENT_RETENTION_DAYS and errors older than
 * ERROR_RETENTION_DAYS, one run at a time across every instance, recording the run in
 * retention_runs (who, cutoffs, progress, counts, duration, outcome). Returns
 * `{ status: "busy" }` at once when another run holds the lock. A failure is recorded and
 * then thrown.
 */
export async function runRetention(options: RunRetentionOptions): Promise<RunRetentionResult> {
  // Read the policy before anything is locked or recorded: a bad setting is a ConfigError.
  const policy = getRetentionPolicy();
  const locked = await database().withLock(RETENTION_LOCK_KEY, (lock) => runLocked(options, policy, lock), { wait: false });
  return locked.acquired ? { status: "completed", outcome: locked.value } : { status: "busy" };
}

async function runLocked(
  { trigger, actor, dryRun = false, batchSize, dutyCycle, pauseMs, onStart, onProgress }: RunRetentionOptions,
  policy: { eventDays: number; errorDays: number },
  lock: HeldLock,
): Promise<RetentionOutcome> {
  // We hold the lock, so any run still marked 'running' belongs to a process that died.
  await markInterruptedRuns();
  const start = await recordStart({ trigger, actor, dryRun, ...policy });
  const began = performance.now();
  const progress: RetentionProgress = { eventsDeleted: 0, errorsDeleted: 0 };
  // The counts in retention_runs grow in each batch's own transaction (recordInRun), so
  // the record is never behind what was deleted, even for a run killed midway.
  // After each batch: a run that lost its lock (its connection closed) stops and is
  // recorded as failed, since another run may have started; the next run finishes the work.
  const report = async () => {
    lock.assertHeld();
    await onProgress?.({ ...progress });
  };

  try {
    await onStart?.(start);
    // The weeks ahead are made here too, so a server that was not running meanwhile
    // still finds them.
    await ensurePartitions();
    let dryCounts: DryRunCounts | null = null;
    if (dryRun) {
      dryCounts = await countDryRun(start);
    } else {
      for (const [table, cutoff] of [
        ["event_logs", start.eventCutoff],
        ["error_logs", start.errorCutoff],
      ] as const) {
        const key = table === "event_logs" ? "eventsDeleted" : "errorsDeleted";
        // Whole partitions first (the counts go into the run's row with each drop), then
        // the partition holding the cutoff, row by row, so the boundary stays exact.
        await dropExpiredPartitions({
          table,
          cutoff,
          dutyCycle,
          pauseMs,
          recordInRun: start.id,
          onDropped: ({ rows }) => ((progress[key] += rows), report()),
        });
        const before = progress[key];
        await deleteExpiredRows({
          table,
          cutoff,
          batchSize,
          dutyCycle,
          pauseMs,
          recordInRun: start.id,
          onBatch: (n, batch) => ((progress[key] = before + n), (progress.lastBatch = { table, ...batch }), report()),
        });
        // The ids of what is gone: their expired spans, whole.
        await dropExpiredPartitions({ table: LOG_ID_TABLES[table], cutoff, dutyCycle, pauseMs });
      }
    }
    const durationMs = Math.round(performance.now() - began);
    // A real run reports the counts its batches added to its row, each in its own commit:
    // those are exact even when a commit's acknowledgement was lost and the batch retried
    // (the rows went, but this process never heard how many).
    const counted = await finish(start.id, { status: "succeeded", counts: dryCounts, durationMs, error: null });
    return { ...start, ...counted, durationMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const durationMs = Math.round(performance.now() - began);
    // If even this write fails (the database went away), the row stays 'running' and the
    // next run marks it interrupted.
    await finish(start.id, {
      status: "failed",
      // The row already holds what the committed batches deleted (a dry run: nothing).
      counts: null,
      durationMs,
      error: message.slice(0, 2_000),
    }).catch(() => {});
    throw error;
  }
}

async function recordStart(args: { trigger: RetentionTrigger; actor: string; dryRun: boolean; eventDays: number; errorDays: number }): Promise<RetentionStart> {
  const id = newId();
  // The cutoffs come from the database's clock, evaluated once here: now() is a
  // timestamptz, less whole hours (cutoffSql), so neither this server's nor the session's
  // time zone plays a part. The
  // column keeps milliseconds; the value read back is exactly the one every batch uses.
  // Read back as epoch milliseconds, not as a timestamp: a driver that parses timestamptz
  // text may misread the offset when the session's zone is not UTC (PGlite's adapter does).
  const rows = await prisma().$queryRaw<{ event_cutoff_ms: bigint | number; error_cutoff_ms: bigint | number }[]>`
    INSERT INTO retention_runs (id, trigger, actor, dry_run, status, event_cutoff, error_cutoff, started_at)
    VALUES (${id}, ${args.trigger}, ${args.actor}, ${args.dryRun}, 'running',
            ${cutoffSql(args.eventDays)}, ${cutoffSql(args.errorDays)}, now())
    RETURNING round(extract(epoch FROM event_cutoff) * 1000)::bigint AS event_cutoff_ms,
              round(extract(epoch FROM error_cutoff) * 1000)::bigint AS error_cutoff_ms`;
  const row = rows[0]!;
  return { id, dryRun: args.dryRun, eventCutoff: new Date(Number(row.event_cutoff_ms)), errorCutoff: new Date(Number(row.error_cutoff_ms)) };
}

type DryRunCounts = { eventsCount: number; errorsCount: number; partitionsDropped: number; rowsTrimmed: number };

/** What a run would do now: rows older than each cutoff, and how many of them are in whole partitions. */
async function countDryRun(start: RetentionStart): Promise<DryRunCounts> {
  const eventsCount = await countExpiredRows({ table: "event_logs", cutoff: start.eventCutoff });
  const errorsCount = await countExpiredRows({ table: "error_logs", cutoff: start.errorCutoff });
  const events = await countExpiredPartitions("event_logs", start.eventCutoff);
  const errors = await countExpiredPartitions("error_logs", start.errorCutoff);
  return {
    eventsCount,
    errorsCount,
    partitionsDropped: events.partitions + errors.partitions,
    rowsTrimmed: eventsCount + errorsCount - events.rows - errors.rows,
  };
}

async function finish(
  id: string,
  result: { status: "succeeded" | "failed"; counts: DryRunCounts | null; durationMs: number; error: string | null },
): Promise<{ eventsCount: number; errorsCount: number; partitionsDropped: number; rowsTrimmed: number }> {
  // counts: a dry run's (nothing counted them before); null keeps the row's own.
  const rows = await prisma().$queryRaw<{ events_deleted: bigint | number; errors_deleted: bigint | number; partitions_dropped: number; rows_trimmed: bigint | number }[]>`
    UPDATE retention_runs
    SET status = ${result.status},
        events_deleted = COALESCE(${result.counts?.eventsCount ?? null}::bigint, events_deleted),
        errors_deleted = COALESCE(${result.counts?.errorsCount ?? null}::bigint, errors_deleted),
        partitions_dropped = COALESCE(${result.counts?.partitionsDropped ?? null}::int, partitions_dropped),
        rows_trimmed = COALESCE(${result.counts?.rowsTrimmed ?? null}::bigint, rows_trimmed),
        duration_ms = ${result.durationMs}, error = ${result.error}, finished_at = now()
    WHERE id = ${id}
    RETURNING events_deleted, errors_deleted, partitions_dropped, rows_trimmed`;
  const row = rows[0];
  return {
    eventsCount: Number(row?.events_deleted ?? 0),
    errorsCount: Number(row?.errors_deleted ?? 0),
    partitionsDropped: Number(row?.partitions_dropped ?? 0),
    rowsTrimmed: Number(row?.rows_trimmed ?? 0),
  };
}
