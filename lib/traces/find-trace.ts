import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeUuid } from "@/lib/search/normalize-lookup-id";

export interface TraceError {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  stack: string | null;
  detail: unknown;
  severity: string;
  endpoint: string | null;
  projectId: string | null;
  runId: string | null;
  createdAt: Date;
}

export interface TraceContextEvent {
  id: string;
  eventType: string;
  actorType: string;
  actorId: string | null;
  createdAt: Date;
}

export interface TraceRunContext {
  runId: string;
  runName: string | null;
  from: Date;
  to: Date;
  events: TraceContextEvent[];
  /** More events fell in the window than are shown. */
  truncated: boolean;
}

export interface Trace {
  traceId: string;
  /** The newest MAX_ERRORS errors of the trace, oldest first. */
  errors: TraceError[];
  /** How many errors the trace has in all (more than `errors.length` when cut at MAX_ERRORS). */
  totalErrors: number;
  runs: TraceRunContext[];
}

/** How far around the errors the run's events are shown. */
export const CONTEXT_BEFORE_MS = 5 * 60_000;
export const CONTEXT_AFTER_MS = 60_000;
export const MAX_ERRORS = 500;
const MAX_CONTEXT_EVENTS = 200;
const MAX_RUNS = 3;

/** The possible stored spellings of a traceId: canonical, upper case, as given. */
export function traceIdVariants(traceId: string): string[] {
  const canonical = normalizeUuid(traceId);
  return [...new Set([traceId, ...(canonical ? [canonical, canonical.toUpperCase()] : [])])];
}

/**
 * Every error with this traceId, oldest first, and for each run they belong to the
 * events from CONTEXT_BEFORE_MS before the first error to CONTEXT_AFTER_MS after the
 * last (the latest MAX_CONTEXT_EVENTS of them). Null when no error has this traceId.
 */
export async function findTrace({ traceId }: { traceId: string }): Promise<Trace | null> {
  // Raw SQL (the same statements the benchmark times raw): ~3× less overhead than findMany here.
  // The rows as one JSON text cell, as the run timeline reads them: Prisma's raw path
  // converts every cell of a result (12 columns × up to 500 errors here).
  const [result] = await prisma().$queryRaw<{ rows: string | null }[]>(
    Prisma.sql`SELECT json_agg(errors ORDER BY created_at DESC, id DESC)::text AS rows FROM (${buildTraceErrorsSql({ traceId })}) AS errors`,
  );
  if (!result?.rows) return null;
  const raw = JSON.parse(result.rows) as (RawTraceError & { total: number })[];
  // Read newest first (a client stuck in a retry loop can send thousands under one
  // traceId: the latest are the ones asked about), shown oldest first.
  const errors = raw.map(toTraceError).reverse();
  const totalErrors = Number(raw[0]!.total);
  const runIds = [...new Set(errors.map((e) => e.runId).filter((id): id is string => id !== null))].slice(0, MAX_RUNS);
  const runs = await Promise.all(
    runIds.map(async (runId) => {
      const mine = errors.filter((e) => e.runId === runId);
      const from = new Date(mine[0]!.createdAt.getTime() - CONTEXT_BEFORE_MS);
      const to = new Date(mine[mine.length - 1]!.createdAt.getTime() + CONTEXT_AFTER_MS);
      // One round trip per run: its name and its events as one JSON text cell (Prisma's
      // raw path converts every cell of a result; one cell is cheap).
      const [row] = await prisma().$queryRaw<{ name: string | null; events: string | null }[]>(buildTraceEventsSql({ runId, from, to }));
      const events = (row?.events ? JSON.parse(row.events) : []) as RawContextEvent[];
      const truncated = events.length > MAX_CONTEXT_EVENTS;
      const shown = events.slice(0, MAX_CONTEXT_EVENTS).reverse().map((e) => ({
        id: e.id,
        eventType: e.event_type,
        actorType: e.actor_type,
        actorId: e.actor_id,
        createdAt: new Date(e.created_at),
      }));
      return { runId, runName: row?.name ?? null, from, to, events: shown, truncated };
    }),
  );
  return { traceId: errors[0]!.traceId, errors, totalErrors, runs };
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

interface RawContextEvent {
  id: string;
  event_type: string;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toTraceError(r: RawTraceError): TraceError {
  return {
    id: r.id,
    traceId: r.trace_id,
    errorType: r.error_type,
    message: r.message,
    stack: r.stack,
    detail: parseJson(r.detail),
    severity: r.severity,
    endpoint: r.endpoint,
    projectId: r.project_id,
    runId: r.run_id,
    createdAt: new Date(r.created_at),
  };
}

/** The newest MAX_ERRORS errors of a trace, newest first, each with the trace's total count. */
export function buildTraceErrorsSql({ traceId }: { traceId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT id, trace_id, error_type, message, stack, detail::text AS detail, severity, endpoint, project_id, run_id, created_at,
      count(*) OVER () AS total
    FROM error_logs WHERE trace_id = ANY(${traceIdVariants(traceId)}::text[])
    ORDER BY created_at DESC, id DESC LIMIT ${MAX_ERRORS}`;
}

/**
 * A run's name and its events in a window, newest first, so the ones nearest the errors
 * win (one extra to tell truncation), as one row: the events are a JSON array.
 */
export function buildTraceEventsSql({ runId, from, to }: { runId: string; from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT name FROM runs WHERE id = ${runId}) AS name,
      (SELECT json_agg(e ORDER BY e.created_at DESC, e.id DESC)::text FROM (
        SELECT id, event_type, actor_type, actor_id, created_at
        FROM event_logs WHERE run_id = ${runId} AND created_at >= ${from}::timestamptz AND created_at <= ${to}::timestamptz
        ORDER BY created_at DESC, id DESC LIMIT ${MAX_CONTEXT_EVENTS + 1}
      ) AS e) AS events`;
}

/**
 * findTrace once per request: the layout needs it for the 404 (decided before the page
 * streams) and the page to show it — one set of queries, not an existence check first.
 * React's cache keys on argument identity, hence the id itself.
 */
export const findTraceOnce = cache((traceId: string) => findTrace({ traceId }));
