import type { Database } from "@/lib/db/client";
import { generateRunLogs, planSeed, type SeedError } from "./generate";

export interface SeedOptions {
  events: number;
  days: number;
  seed?: number;
  now?: Date;
  /** Called every `progressEvery` events with the running totals. */
  onProgress?: (progress: { table: string; rows: number; total: number }) => void;
  progressEvery?: number;
}

export interface SeedResult {
  projects: number;
  runs: number;
  events: number;
  errors: number;
}

const RUN_COLUMNS = ["id", "project_id", "name", "status", "started_at", "finished_at", "created_at"] as const;
const EVENT_COLUMNS = ["id", "event_type", "payload", "project_id", "run_id", "user_id", "actor_type", "actor_id", "created_at"] as const;
const ERROR_COLUMNS = ["id", "trace_id", "error_type", "message", "stack", "detail", "project_id", "run_id", "endpoint", "severity", "created_at"] as const;

/** Loads demo data through COPY: projects, then runs, then their events and errors. */
export async function loadSeed(db: Database, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const every = options.progressEvery ?? 100_000;
  const plan = planSeed({ events: options.events, days: options.days, now, seed });

  await db.prisma.project.createMany({ data: plan.projects, skipDuplicates: true });
  await db.copyRows(
    "runs",
    RUN_COLUMNS,
    plan.runs.map((run) => [run.id, run.projectId, run.name, run.status, run.startedAt, run.finishedAt, run.startedAt]),
  );

  const errors: SeedError[] = [];
  const eventRows = function* () {
    let rows = 0;
    for (const run of plan.runs) {
      const logs = generateRunLogs(run);
      errors.push(...logs.errors);
      for (const e of logs.events) {
        yield [e.id, e.eventType, e.payload, e.projectId, e.runId, e.userId, e.actorType, e.actorId, e.createdAt];
        if (++rows % every === 0) options.onProgress?.({ table: "event_logs", rows, total: options.events });
      }
    }
  };
  const events = await db.copyRows("event_logs", EVENT_COLUMNS, eventRows());
  options.onProgress?.({ table: "event_logs", rows: events, total: options.events });

  const errorCount = await db.copyRows(
    "error_logs",
    ERROR_COLUMNS,
    errors.map((e) => [e.id, e.traceId, e.errorType, e.message, e.stack, e.detail, e.projectId, e.runId, e.endpoint, e.severity, e.createdAt]),
  );
  options.onProgress?.({ table: "error_logs", rows: errorCount, total: errorCount });
  // When each run and project last logged, as ingestion records it (idle runs, and
  // "removed by retention" rather than "nothing logged yet").
  await db.statement(
    `UPDATE runs SET last_row_at = GREATEST(
       (SELECT max(created_at) FROM event_logs WHERE event_logs.run_id = runs.id),
       (SELECT max(created_at) FROM error_logs WHERE error_logs.run_id = runs.id))
     WHERE id = ANY($1::text[])`,
    [plan.runs.map((run) => run.id)],
  );
  await db.statement(
    `UPDATE projects SET last_row_at = GREATEST(last_row_at,
       (SELECT max(created_at) FROM event_logs WHERE event_logs.project_id = projects.id),
       (SELECT max(created_at) FROM error_logs WHERE error_logs.project_id = projects.id))
     WHERE id = ANY($1::text[])`,
    [plan.projects.map((project) => project.id)],
  );
  return { projects: plan.projects.length, runs: plan.runs.length, events, errors: errorCount };
}
