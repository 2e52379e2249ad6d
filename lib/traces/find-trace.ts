import "server-only";
import { cache } from "react";
import { readPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeUuid } from "@/lib/search/normalize-lookup-id";

export interface TraceError {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  stack: string | null;
  /** The detail as stored (jsonb text, numbers exact), or null. */
  detailJson: string | null;
  severity: string;
  endpoint: string | null;
  projectId: string | null;
  runId: string | null;
  createdAt: Date;
}

/** A run the trace's errors belong to; its events are read page by page (find-trace-context.ts). */
export interface TraceRunContext {
  runId: string;
  runName: string | null;
  /** CONTEXT_BEFORE_MS before the run's first error of the trace. */
  from: Date;
  /** CONTEXT_AFTER_MS after its last. */
  to: Date;
  /** The run's first error of the trace: "What happened" opens around it. */
  firstError: { id: string; createdAt: Date };
}

export interface Trace {
  traceId: string;
  /** The newest MAX_ERRORS errors of the trace, oldest first. */
  errors: TraceError[];
  /** How many errors the trace has in all (more than `errors.length` when cut at MAX_ERRORS). */
  totalErrors: number;
  runs: TraceRunContext[];
  /** The display names of the projects the errors belong to, by id. */
  projectNames: Record<string, string>;
}

/** How far around the errors the run's events are shown. */
export const CONTEXT_BEFORE_MS = 5 * 60_000;
export const CONTEXT_AFTER_MS = 60_000;
export const MAX_ERRORS = 500;
const MAX_RUNS = 3;

/** The possible stored spellings of a traceId: canonical, upper case, as given. */
export function traceIdVariants(traceId: string): string[] {
  const canonical = normalizeUuid(traceId);
  return [...new Set([traceId, ...(canonical ? [canonical, canonical.toUpperCase()] : [])])];
}

/**
 * Every error with this traceId (the newest MAX_ERRORS, shown oldest first), the runs
 * they belong to (the first MAX_RUNS, each with its first error and the window around
 * them) and their projects' names. Null when no error has this traceId. One statement
 * (buildTraceSql), one round trip; a run's events are paged by find-trace-context.ts.
 */
export async function findTrace({ traceId }: { traceId: string }): Promise<Trace | null> {
  const [row] = await readPrisma().$queryRaw<{ errors: string | null; total: bigint | number; runs: string | null; projects: string | null }[]>(buildTraceSql({ traceId }));
  if (!row?.errors) return null;
  // Read newest first (a client stuck in a retry loop can send thousands under one
  // traceId: the latest are the ones asked about), shown oldest first.
  const errors = (JSON.parse(row.errors) as RawTraceError[]).map(toTraceError).reverse();
  const rawRuns = (row.runs ? JSON.parse(row.runs) : []) as { runId: string; name: string | null; from: string; to: string; firstId: string; firstAt: string }[];
  const runs = rawRuns.map((run) => ({
    runId: run.runId,
    runName: run.name,
    from: new Date(run.from),
    to: new Date(run.to),
    firstError: { id: run.firstId, createdAt: new Date(run.firstAt) },
  }));
  const projects = (row.projects ? JSON.parse(row.projects) : []) as { id: string; name: string }[];
  return { traceId: errors[0]!.traceId, errors, totalErrors: Number(row.total), runs, projectNames: Object.fromEntries(projects.map((p) => [p.id, p.name])) };
}

interface RawTraceError {
  id: string;
  trace_id: string;
  error_type: string;
  message: string;
  stack: string | null;
  detail: string | null;
  severity: string;
  endpoint: string | null;
  project_id: string | null;
  run_id: string | null;
  created_at: Date | string;
}

function toTraceError(r: RawTraceError): TraceError {
  return {
    id: r.id,
    traceId: r.trace_id,
    errorType: r.error_type,
    message: r.message,
    stack: r.stack,
    detailJson: r.detail,
    severity: r.severity,
    endpoint: r.endpoint,
    projectId: r.project_id,
    runId: r.run_id,
    createdAt: new Date(r.created_at),
  };
}

/**
 * The trace page's one statement: the newest MAX_ERRORS errors (newest first) as a JSON
 * array, the trace's total count, for its first MAX_RUNS runs (by first error) the run's
 * name, window and first error, and the names of the errors' projects, as JSON arrays.
 * Errors by the traceId index; Prisma passes four cells through (it converts every cell
 * of a raw result, which for rows × columns cost more than the statement).
 */
export function buildTraceSql({ traceId }: { traceId: string }): Prisma.Sql {
  const variants = traceIdVariants(traceId);
  return Prisma.sql`
    WITH errors AS (
      SELECT id, trace_id, error_type, message, stack, detail::text AS detail, severity, endpoint, project_id, run_id, created_at
      FROM error_logs WHERE trace_id = ANY(${variants}::text[])
      ORDER BY created_at DESC, id DESC LIMIT ${MAX_ERRORS}
    ), trace_runs AS (
      SELECT run_id, min(created_at) AS first_at, (array_agg(id ORDER BY created_at, id))[1] AS first_id,
        min(created_at) - ${CONTEXT_BEFORE_MS}::int * interval '1 millisecond' AS from_at,
        max(created_at) + ${CONTEXT_AFTER_MS}::int * interval '1 millisecond' AS to_at
      FROM errors WHERE run_id IS NOT NULL GROUP BY run_id ORDER BY first_at, run_id LIMIT ${MAX_RUNS}
    )
    SELECT
      (SELECT json_agg(e ORDER BY e.created_at DESC, e.id DESC) FROM errors AS e)::text AS errors,
      (SELECT count(*) FROM error_logs WHERE trace_id = ANY(${variants}::text[])) AS total,
      (SELECT json_agg(json_build_object(
          'runId', r.run_id, 'name', (SELECT name FROM runs WHERE id = r.run_id), 'from', r.from_at, 'to', r.to_at,
          'firstId', r.first_id, 'firstAt', r.first_at
        ) ORDER BY r.first_at, r.run_id) FROM trace_runs AS r)::text AS runs,
      (SELECT json_agg(json_build_object('id', p.id, 'name', p.name)) FROM projects AS p
        WHERE p.id IN (SELECT DISTINCT project_id FROM errors WHERE project_id IS NOT NULL))::text AS projects`;
}

/**
 * findTrace once per request: the layout needs it for the 404 (decided before the page
 * streams) and the page to show it — one set of queries, not an existence check first.
 * React's cache keys on argument identity, hence the id itself.
 */
export const findTraceOnce = cache((traceId: string) => findTrace({ traceId }));
