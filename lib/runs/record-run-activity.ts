import "server-only";
import { retryOnDeadlock } from "@/lib/db/retry-on-deadlock";
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";

/** What ingestion stored, as this module needs it. */
export interface ActivityItem {
  runId?: string;
  projectId?: string;
  createdAt: Date;
  /** Events only: a terminal type ends its run. */
  eventType?: string;
}

const MINUTE = 60_000;
const floorToMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

// One statement, run after a batch was stored:
// - runs.last_row_at / projects.last_row_at move forward to the newest row's minute. To
//   the minute, so a busy run's row is written at most once a minute (a batch whose rows
//   fall in the stored minute changes nothing and takes no row lock);
// - a running run that received a terminal event (RUN_SUCCEEDED_EVENT_TYPES,
//   RUN_FAILED_EVENT_TYPES) ends: that status, finished at the earliest such event. A run
//   a client has already ended (PATCH /api/runs/:id) keeps its status.
// Each run is updated by one UPDATE (PostgreSQL applies only one modification per row
// per statement), and runs and projects in id order, as the insert locks them.
const STATEMENT = `
  WITH activity AS (
    SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[]) AS t(id, last_row_at, ended_as, ended_at)
  ), runs_touched AS (
    UPDATE runs SET
      last_row_at = GREATEST(runs.last_row_at, activity.last_row_at),
      status = CASE WHEN runs.status = 'running' AND activity.ended_as IS NOT NULL THEN activity.ended_as ELSE runs.status END,
      finished_at = CASE WHEN runs.status = 'running' AND activity.ended_as IS NOT NULL THEN activity.ended_at ELSE runs.finished_at END
    FROM activity
    WHERE runs.id = activity.id
      AND (runs.last_row_at IS NULL OR runs.last_row_at < activity.last_row_at OR (runs.status = 'running' AND activity.ended_as IS NOT NULL))
    RETURNING runs.id
  )
  UPDATE projects SET last_row_at = p.last_row_at
  FROM unnest($5::text[], $6::timestamptz[]) AS p(id, last_row_at)
  WHERE projects.id = p.id AND (projects.last_row_at IS NULL OR projects.last_row_at < p.last_row_at)`;

// What this process last recorded: the minute of each run ("r:<id>") and project
// ("p:<id>"). The database holds that minute or a later one (the statement only moves
// times forward, and nothing else moves them back), so a batch whose runs and projects
// are all at their recorded minute already, and that ends no run, needs no statement: a
// client sending errors one at a time costs one round trip a minute here, not one per
// request. Bounded: past MAX_RECORDED keys the oldest go.
const recorded = new Map<string, number>();
const MAX_RECORDED = 10_000;

function remember(key: string, minute: number): void {
  recorded.delete(key);
  recorded.set(key, minute);
  if (recorded.size > MAX_RECORDED) recorded.delete(recorded.keys().next().value!);
}

/** For tests that empty the tables this process recorded into. */
export function forgetRecordedActivity(): void {
  recorded.clear();
}

/**
 * Records what a stored batch says about its runs and projects: when they last logged
 * (idle runs; "removed by retention" rather than "nothing logged yet") and, from the
 * terminal event types, which runs ended. Called once per stored batch by the ingestion
 * endpoints (lib/ingest/ingest-endpoints.ts), after the insert committed; it only moves
 * times forward and ends running runs, so a retried batch changes nothing twice.
 */
export async function recordRunActivity(items: readonly ActivityItem[]): Promise<void> {
  const { RUN_SUCCEEDED_EVENT_TYPES, RUN_FAILED_EVENT_TYPES } = env();
  const succeeded = new Set(RUN_SUCCEEDED_EVENT_TYPES);
  const failed = new Set(RUN_FAILED_EVENT_TYPES);
  const runs = new Map<string, { last: number; endedAs: string | null; endedAt: number }>();
  const projects = new Map<string, number>();
  for (const item of items) {
    const at = item.createdAt.getTime();
    if (item.projectId) projects.set(item.projectId, Math.max(projects.get(item.projectId) ?? -Infinity, floorToMinute(at)));
    if (!item.runId) continue;
    const run = runs.get(item.runId) ?? { last: -Infinity, endedAs: null, endedAt: Infinity };
    run.last = Math.max(run.last, floorToMinute(at));
    const endedAs = item.eventType === undefined ? null : succeeded.has(item.eventType) ? "succeeded" : failed.has(item.eventType) ? "failed" : null;
    if (endedAs && at < run.endedAt) {
      run.endedAs = endedAs;
      run.endedAt = at;
    }
    runs.set(item.runId, run);
  }
  const isNew = (key: string, minute: number) => (recorded.get(key) ?? -Infinity) < minute;
  const runIds = [...runs.keys()].filter((id) => runs.get(id)!.endedAs !== null || isNew(`r:${id}`, runs.get(id)!.last)).sort();
  const projectIds = [...projects.keys()].filter((id) => isNew(`p:${id}`, projects.get(id)!)).sort();
  if (runIds.length === 0 && projectIds.length === 0) return;
  const iso = (ms: number) => new Date(ms).toISOString();
  // Retried when chosen as a deadlock's victim: it only moves activity forward (GREATEST).
  await retryOnDeadlock(() => database().statement(
    STATEMENT,
    [
      runIds,
      runIds.map((id) => iso(runs.get(id)!.last)),
      runIds.map((id) => runs.get(id)!.endedAs),
      runIds.map((id) => (runs.get(id)!.endedAs ? iso(runs.get(id)!.endedAt) : null)),
      projectIds,
      projectIds.map((id) => iso(projects.get(id)!)),
    ],
    { name: "logdeck_record_run_activity" },
  ));
  for (const id of runIds) remember(`r:${id}`, runs.get(id)!.last);
  for (const id of projectIds) remember(`p:${id}`, projects.get(id)!);
}
