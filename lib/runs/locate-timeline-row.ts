import "server-only";
import { readPrisma } from "@/lib/db/client";
import { queryTimeline } from "./find-run-timeline";
import { includesErrors, includesEvents, type TimelineFilters } from "./timeline-filters";
import type { TimelineCursor, TimelineKey, TimelineKind } from "./timeline-cursor";

/** Rows shown above a permalinked row, so it opens with some context before it. */
const CONTEXT_ROWS = 30;

/**
 * For a permalink (`/runs/R?at=<id>`): the cursor of a page that contains the row
 * `rowId` of this run, with up to CONTEXT_ROWS rows before it in display order. Null
 * cursor with `found` true: the row is on the first page. `found` false: no such row.
 */
export async function locateTimelineRow({
  runId,
  rowId,
  filters,
  order,
}: {
  runId: string;
  rowId: string;
  filters: TimelineFilters;
  order: "desc" | "asc";
}): Promise<{ found: boolean; kind?: TimelineKind; cursor: TimelineCursor | null; hiddenByFilters?: true }> {
  const [event, error] = await Promise.all([
    readPrisma().eventLog.findFirst({ where: { id: rowId, runId }, select: { createdAt: true, eventType: true, actorType: true } }),
    readPrisma().errorLog.findFirst({ where: { id: rowId, runId }, select: { createdAt: true, errorType: true, severity: true } }),
  ]);
  const hit = event ? { kind: "event" as const, createdAt: event.createdAt } : error ? { kind: "error" as const, createdAt: error.createdAt } : null;
  if (!hit) return { found: false, cursor: null };
  // The row exists but the filters leave it out: the page opens where it would be, and says so.
  const shown = event
    ? includesEvents(filters) && (!filters.types.length || filters.types.includes(event.eventType)) && (!filters.actorTypes.length || filters.actorTypes.includes(event.actorType))
    : includesErrors(filters) && (!filters.types.length || filters.types.includes(error!.errorType)) && (!filters.severities.length || filters.severities.includes(error!.severity));
  const key: TimelineKey = { createdAt: hit.createdAt, id: rowId, kind: hit.kind };
  // The rows just before it in display order: read the other way from the row.
  const before = await queryTimeline({ runId, filters, desc: order === "asc", after: { key, op: order === "desc" ? ">" : "<" }, take: CONTEXT_ROWS + 1 });
  const hidden = shown ? {} : { hiddenByFilters: true as const };
  if (before.length <= CONTEXT_ROWS) return { found: true, kind: hit.kind, cursor: null, ...hidden };
  const start = before[CONTEXT_ROWS - 1]!;
  return { found: true, kind: hit.kind, cursor: { key: { createdAt: start.createdAt, id: start.id, kind: start.kind }, direction: "next", inclusive: true }, ...hidden };
}
