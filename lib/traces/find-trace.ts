import "server-only";
import { prisma } from "@/lib/db/client";
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
  payload: unknown;
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
  errors: TraceError[];
  runs: TraceRunContext[];
}

/** How far around the errors the run's events are shown. */
export const CONTEXT_BEFORE_MS = 5 * 60_000;
export const CONTEXT_AFTER_MS = 60_000;
const MAX_ERRORS = 500;
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
  const errors = await prisma().errorLog.findMany({
    where: { traceId: { in: traceIdVariants(traceId) } },
    select: { id: true, traceId: true, errorType: true, message: true, stack: true, detail: true, severity: true, endpoint: true, projectId: true, runId: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_ERRORS,
  });
  if (errors.length === 0) return null;
  const runIds = [...new Set(errors.map((e) => e.runId).filter((id): id is string => id !== null))].slice(0, MAX_RUNS);
  const runs = await Promise.all(
    runIds.map(async (runId) => {
      const mine = errors.filter((e) => e.runId === runId);
      const from = new Date(mine[0]!.createdAt.getTime() - CONTEXT_BEFORE_MS);
      const to = new Date(mine[mine.length - 1]!.createdAt.getTime() + CONTEXT_AFTER_MS);
      const [run, events] = await Promise.all([
        prisma().run.findUnique({ where: { id: runId }, select: { name: true } }),
        // Newest first from the end of the window, so the events nearest the errors win.
        prisma().eventLog.findMany({
          where: { runId, createdAt: { gte: from, lte: to } },
          select: { id: true, eventType: true, actorType: true, actorId: true, payload: true, createdAt: true },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: MAX_CONTEXT_EVENTS + 1,
        }),
      ]);
      const truncated = events.length > MAX_CONTEXT_EVENTS;
      return { runId, runName: run?.name ?? null, from, to, events: events.slice(0, MAX_CONTEXT_EVENTS).reverse(), truncated };
    }),
  );
  return { traceId: errors[0]!.traceId, errors, runs };
}

/** Whether any error has this traceId (a cheap check for the 404). */
export async function traceExists({ traceId }: { traceId: string }): Promise<boolean> {
  const hit = await prisma().errorLog.findFirst({ where: { traceId: { in: traceIdVariants(traceId) } }, select: { id: true } });
  return hit !== null;
}
