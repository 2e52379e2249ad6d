import "server-only";
import { queryTimeline, type TimelineRow } from "./find-run-timeline";
import { compareTimelineKeys, timelineKeyOf, type TimelineKey } from "./timeline-cursor";
import type { TimelineFilters } from "./timeline-filters";
import { LIVE_LOOKBACK_MS } from "./live-window";

export interface LivePage {
  /** Oldest first; rows the view already has come back too (it de-duplicates by kind and id). */
  rows: TimelineRow[];
  /** The last row given, when the window holds more after it: read on from there. */
  next: TimelineKey | null;
}

/**
 * One page of live mode's trailing window: every row whose created_at is at most
 * LIVE_LOOKBACK_MS before `newest` (the newest row the view has), and everything after.
 * created_at is the sender's clock, so rows arrive late (a slow clock, a retry, buffered
 * delivery); a cursor at `newest` alone would skip them in every open view until a
 * reload. Re-reading the window costs rows the view already has, but needs no
 * arrival-time column. `from` continues a window that did not fit in one page; it never
 * reaches back before the window. No `newest` (the view had no rows): from the start.
 */
export async function findLiveRows({
  runId,
  filters,
  newest,
  from = null,
  limit,
}: {
  runId: string;
  filters: TimelineFilters;
  newest: TimelineKey | null;
  from?: TimelineKey | null;
  limit: number;
}): Promise<LivePage> {
  // The window's start as a key before every row of that millisecond: no id is empty.
  const windowStart: TimelineKey | null = newest ? { createdAt: new Date(newest.createdAt.getTime() - LIVE_LOOKBACK_MS), id: "", kind: "error" } : null;
  const after = from && (!windowStart || compareTimelineKeys(from, windowStart) > 0) ? { key: from, op: ">" as const } : windowStart ? { key: windowStart, op: ">=" as const } : null;
  const rows = await queryTimeline({ runId, filters, desc: false, after, take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? timelineKeyOf(last) : null };
}
