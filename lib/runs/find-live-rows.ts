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
 *
 * `floor` is the bottom row of the page the view shows when older pages exist (a busy
 * run: more than a page within the window). Rows at or below it belong to those pages,
 * so the window never reaches down to them: they are neither new nor shown twice.
 */
export async function findLiveRows({
  runId,
  filters,
  newest,
  from = null,
  floor = null,
  limit,
}: {
  runId: string;
  filters: TimelineFilters;
  newest: TimelineKey | null;
  from?: TimelineKey | null;
  floor?: TimelineKey | null;
  limit: number;
}): Promise<LivePage> {
  // The window's start as a key before every row of that millisecond: no id is empty.
  const lookback: TimelineKey | null = newest ? { createdAt: new Date(newest.createdAt.getTime() - LIVE_LOOKBACK_MS), id: "", kind: "error" } : null;
  // The higher of the two starts: the lookback (inclusive) or the floor (exclusive).
  const start = floor && (!lookback || compareTimelineKeys(floor, lookback) >= 0) ? { key: floor, op: ">" as const } : lookback ? { key: lookback, op: ">=" as const } : null;
  const after = from && (!start || compareTimelineKeys(from, start.key) > 0) ? { key: from, op: ">" as const } : start;
  const rows = await queryTimeline({ runId, filters, desc: false, after, take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? timelineKeyOf(last) : null };
}
