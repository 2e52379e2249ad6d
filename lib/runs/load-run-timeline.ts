import "server-only";
import { explainEmptyHistory, type EmptyHistory } from "./explain-empty-history";
import { findRunTimeline, type TimelinePage } from "./find-run-timeline";
import { findRunTypes } from "./find-run-types";
import { getRun, type RunDetail } from "./get-run";
import type { LiveOptions } from "./live-window";
import { locateTimelineRow } from "./locate-timeline-row";
import { decodeTimelineCursor, encodeTimelineCursor, timelineKeyOf, type TimelineCursor } from "./timeline-cursor";
import { hasFilters, timelineSearchParams, type TimelineQuery } from "./timeline-filters";
import { toTimelineRowDto, type TimelineRowDto } from "./to-timeline-dto";

export interface RunTimeline {
  run: RunDetail;
  /** The page's rows for the browser, and when the rows just outside it were written (ISO). */
  rows: TimelineRowDto[];
  edges: { before: string | null; after: string | null };
  prev: TimelineCursor | null;
  next: TimelineCursor | null;
  /** The run's event and error types, for the Type filter. */
  types: string[];
  /** Where `at` was looked for: null without `at` (or with a cursor, which wins). */
  located: Awaited<ReturnType<typeof locateTimelineRow>> | null;
  /** Why an unfiltered first page is empty (never logged, or removed by retention); else null. */
  empty: EmptyHistory | null;
  /** Live mode, on the first page newest first; else null. */
  live: LiveOptions | null;
}

/**
 * Everything the run page shows for `query`: the run (null: no such run), the page the
 * cursor — or the row `at` — names, and what the page around it needs.
 */
export async function loadRunTimeline({ runId, query }: { runId: string; query: TimelineQuery }): Promise<RunTimeline | null> {
  const run = await getRun({ runId });
  if (!run) return null;
  const { filters, order } = query;
  let cursor = decodeTimelineCursor(query.cursor);
  let located: RunTimeline["located"] = null;
  if (query.at && !cursor) {
    located = await locateTimelineRow({ runId, rowId: query.at, filters, order });
    cursor = located.cursor;
  }
  const [page, types] = await Promise.all([findRunTimeline({ runId, filters, order, cursor }), findRunTypes({ runId })]);
  const isFirstPage = !cursor;
  const empty = page.rows.length === 0 && isFirstPage && !hasFilters(filters) ? await explainEmptyHistory({ lastRowAt: run.lastRowAt }) : null;
  return {
    run,
    rows: page.rows.map((row) => toTimelineRowDto(row, run.startedAt)),
    edges: { before: page.edges.before?.toISOString() ?? null, after: page.edges.after?.toISOString() ?? null },
    prev: page.prev,
    next: page.next,
    types,
    located,
    empty,
    live: isFirstPage && order === "desc" ? liveOptions(run, page, query) : null,
  };
}

function liveOptions(run: RunDetail, page: TimelinePage, query: TimelineQuery): LiveOptions {
  const newest = page.rows[0];
  const bottom = page.rows.at(-1);
  return {
    after: newest ? encodeTimelineCursor({ key: timelineKeyOf(newest), direction: "next" }) : null,
    // Older pages hold what is below the page: live mode must not bring it in as new.
    floor: page.next && bottom ? encodeTimelineCursor({ key: timelineKeyOf(bottom), direction: "next" }) : null,
    query: timelineSearchParams({ filters: query.filters, order: "desc" }).toString(),
    intervalMs: 5_000,
    startOn: run.status === "running",
  };
}
