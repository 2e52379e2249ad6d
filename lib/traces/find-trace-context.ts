import "server-only";
import { queryTimeline, type TimelineRow } from "@/lib/runs/find-run-timeline";
import type { TimelineCursor, TimelineKey } from "@/lib/runs/timeline-cursor";
import type { TimelineFilters } from "@/lib/runs/timeline-filters";

/** Events per page of "What happened". */
export const TRACE_CONTEXT_PAGE_SIZE = 100;
/** How many of a page's events come before the run's first error of the trace (when there are). */
const BEFORE_FIRST_ERROR = TRACE_CONTEXT_PAGE_SIZE / 2;

const EVENTS_ONLY: TimelineFilters = { kind: "event", types: [], actorTypes: [], severities: [] };

export interface TraceContextPage {
  /** Oldest first, with their payloads. */
  events: TimelineRow[];
  /** Cursor to the events before this page (null at the run's first event). */
  earlier: TimelineCursor | null;
  /** Cursor to the events after this page (null at the run's newest event). */
  later: TimelineCursor | null;
}

const keyOf = (row: TimelineRow): TimelineKey => ({ createdAt: row.createdAt, id: row.id, kind: row.kind });

/**
 * A page of a run's events for the trace page's "What happened", oldest first. Without a
 * cursor it opens around the run's first error of the trace: up to half a page of the
 * events before it (no earlier than `from`, CONTEXT_BEFORE_MS before it), then what came
 * after. A cursor pages on from there, in either direction, through the whole run:
 * keyset reads on the (run_id, created_at, id) index, never OFFSET.
 */
export async function findTraceContext({ runId, firstError, from, cursor = null }: { runId: string; firstError: { id: string; createdAt: Date }; from: Date; cursor?: TimelineCursor | null }): Promise<TraceContextPage> {
  const take = TRACE_CONTEXT_PAGE_SIZE;
  let events: TimelineRow[];
  if (cursor?.direction === "prev") {
    events = (await queryTimeline({ runId, filters: EVENTS_ONLY, desc: true, after: { key: cursor.key, op: "<" }, take: take + 1 })).slice(0, take).reverse();
  } else {
    let start: { key: TimelineKey; op: ">" | ">=" };
    if (cursor) start = { key: cursor.key, op: ">" };
    else {
      const errorKey: TimelineKey = { createdAt: firstError.createdAt, id: firstError.id, kind: "error" };
      const before = (await queryTimeline({ runId, filters: EVENTS_ONLY, desc: true, after: { key: errorKey, op: "<" }, take: BEFORE_FIRST_ERROR })).filter((row) => row.createdAt >= from);
      start = before.length ? { key: keyOf(before[before.length - 1]!), op: ">=" } : { key: errorKey, op: ">" };
    }
    events = (await queryTimeline({ runId, filters: EVENTS_ONLY, desc: false, after: start, take: take + 1 })).slice(0, take);
  }
  // The page's ends: its first and last events, or (a page with none) where it was read
  // from. Whether anything lies beyond each: one index probe each.
  const errorKey: TimelineKey = { createdAt: firstError.createdAt, id: firstError.id, kind: "error" };
  const low = events[0] ? keyOf(events[0]) : (cursor?.key ?? errorKey);
  const high = events.length ? keyOf(events[events.length - 1]!) : (cursor?.key ?? errorKey);
  const [hasEarlier, hasLater] = await Promise.all([
    queryTimeline({ runId, filters: EVENTS_ONLY, desc: true, after: { key: low, op: "<" }, take: 1 }).then((rows) => rows.length > 0),
    queryTimeline({ runId, filters: EVENTS_ONLY, desc: false, after: { key: high, op: ">" }, take: 1 }).then((rows) => rows.length > 0),
  ]);
  return {
    events,
    earlier: hasEarlier ? { key: low, direction: "prev" } : null,
    later: hasLater ? { key: high, direction: "next" } : null,
  };
}
