import "server-only";
import { prisma } from "@/lib/db/client";

/** One retention run as the page shows it: plain values, ISO times, counts as numbers. */
export interface RetentionRunView {
  id: string;
  trigger: string;
  actor: string;
  dryRun: boolean;
  status: "running" | "succeeded" | "failed";
  eventCutoff: string;
  errorCutoff: string;
  eventsDeleted: number;
  errorsDeleted: number;
  /** Of the rows deleted: whole partitions dropped, and rows deleted batch by batch. */
  partitionsDropped: number;
  rowsTrimmed: number;
  durationMs: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The latest runs, newest first (the history table; a 'running' one is the progress). */
export async function findRetentionRuns({ limit = 50 }: { limit?: number } = {}): Promise<RetentionRunView[]> {
  // Times read as epoch milliseconds so no driver parses a timestamptz's text.
  const rows = await prisma().$queryRaw<
    {
      id: string;
      trigger: string;
      actor: string;
      dry_run: boolean;
      status: string;
      event_cutoff_ms: bigint;
      error_cutoff_ms: bigint;
      events_deleted: bigint;
      errors_deleted: bigint;
      partitions_dropped: number;
      rows_trimmed: bigint;
      duration_ms: number | null;
      error: string | null;
      started_at_ms: bigint;
      finished_at_ms: bigint | null;
    }[]
  >`
    SELECT id, trigger, actor, dry_run, status, events_deleted, errors_deleted, partitions_dropped, rows_trimmed, duration_ms, error,
           round(extract(epoch FROM event_cutoff) * 1000)::bigint AS event_cutoff_ms,
           round(extract(epoch FROM error_cutoff) * 1000)::bigint AS error_cutoff_ms,
           round(extract(epoch FROM started_at) * 1000)::bigint AS started_at_ms,
           round(extract(epoch FROM finished_at) * 1000)::bigint AS finished_at_ms
    FROM retention_runs ORDER BY started_at DESC, id DESC LIMIT ${Math.min(Math.max(1, limit), 500)}`;
  const iso = (ms: bigint) => new Date(Number(ms)).toISOString();
  return rows.map((row) => ({
    id: row.id,
    trigger: row.trigger,
    actor: row.actor,
    dryRun: row.dry_run,
    status: row.status === "running" || row.status === "succeeded" ? row.status : "failed",
    eventCutoff: iso(row.event_cutoff_ms),
    errorCutoff: iso(row.error_cutoff_ms),
    eventsDeleted: Number(row.events_deleted),
    errorsDeleted: Number(row.errors_deleted),
    partitionsDropped: Number(row.partitions_dropped),
    rowsTrimmed: Number(row.rows_trimmed),
    durationMs: row.duration_ms,
    error: row.error,
    startedAt: iso(row.started_at_ms),
    finishedAt: row.finished_at_ms === null ? null : iso(row.finished_at_ms),
  }));
}
