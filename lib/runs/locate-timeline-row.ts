import "server-only";
import { readPrisma } from "@/lib/db/client";
import { conditionSql, filterCondition } from "@/lib/filters/filter-sql";
import { timelineFilterTree } from "@/lib/filters/timeline-filter-tree";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryTimeline } from "./find-run-timeline";
import type { TimelineFilters } from "./timeline-filters";
import { timelineKeyOf, type TimelineCursor, type TimelineKey, type TimelineKind } from "./timeline-cursor";

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
  // Whether the filters show the row is asked of the database, with the very condition the
  // page's own read uses (lib/filters/filter-sql.ts), never re-checked here. An event and
  // an error may share an id: the event is the one located.
  const tree = timelineFilterTree(filters);
  const [hit] = await readPrisma().$queryRaw<{ kind: TimelineKind; created_at: Date; shown: boolean }[]>(Prisma.sql`
    SELECT * FROM (
      SELECT 'event'::text AS kind, created_at, ${conditionSql(filterCondition(tree, "event"))} AS shown FROM event_logs WHERE id = ${rowId} AND run_id = ${runId}
      UNION ALL
      SELECT 'error'::text AS kind, created_at, ${conditionSql(filterCondition(tree, "error"))} AS shown FROM error_logs WHERE id = ${rowId} AND run_id = ${runId}
    ) AS hit ORDER BY kind DESC LIMIT 1`);
  if (!hit) return { found: false, cursor: null };
  const key: TimelineKey = { createdAt: hit.created_at, id: rowId, kind: hit.kind };
  // The rows just before it in display order: read the other way from the row.
  const before = await queryTimeline({ runId, filters, desc: order === "asc", after: { key, op: order === "desc" ? ">" : "<" }, take: CONTEXT_ROWS + 1 });
  // The row exists but the filters leave it out: the page opens where it would be, and says so.
  const hidden = hit.shown ? {} : { hiddenByFilters: true as const };
  if (before.length <= CONTEXT_ROWS) return { found: true, kind: hit.kind, cursor: null, ...hidden };
  return { found: true, kind: hit.kind, cursor: { key: timelineKeyOf(before[CONTEXT_ROWS - 1]!), direction: "next", inclusive: true }, ...hidden };
}
