"use client";
import { useEffect, useMemo } from "react";
import { DataTable } from "@/components/data-table";
import { ListShortcuts } from "@/components/keyboard/list-shortcuts";
import { useOpenRows } from "@/components/use-open-rows";
import { formatDuration } from "@/lib/format/duration";
import type { LiveOptions } from "@/lib/runs/live-window";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";
import { LiveToolbar } from "./live-toolbar";
import { timelineColumns, timelineRowKey, usePermalinkClick } from "./timeline-columns";
import { TimelineRowDetail } from "./timeline-row-detail";
import { useGaps } from "./use-gaps";
import { mergeLiveRows, useLiveRows } from "./use-live-rows";

/** A run's timeline: a page of rows (live rows merged in), the long pauses between them marked, a row opened to see all of it. */
export function TimelineTable({
  runId,
  rows: initialRows,
  highlightId,
  order,
  live,
  edges = { before: null, after: null },
}: {
  runId: string;
  rows: TimelineRowDto[];
  /** The row `at` names: marked, opened and scrolled to. */
  highlightId: string | null;
  order: "desc" | "asc";
  live: LiveOptions | null;
  /** When the rows just outside this page were written (ISO), so a pause across a page boundary is marked too. */
  edges?: { before: string | null; after: string | null };
}) {
  const liveState = useLiveRows(runId, live, initialRows);
  const rows = useMemo(() => mergeLiveRows(initialRows, liveState.rows, order), [initialRows, liveState.rows, order]);
  const { gaps, gapAfter } = useGaps(rows, edges);
  const { open, toggle } = useOpenRows(() => initialRows.filter((r) => r.id === highlightId).map(timelineRowKey));
  const onPermalinkClick = usePermalinkClick();
  const columns = useMemo(() => timelineColumns({ runId, isOpen: (key) => open.has(key), toggle, onPermalinkClick }), [runId, open, toggle, onPermalinkClick]);

  useEffect(() => {
    if (!highlightId) return;
    document.getElementById(`row-${highlightId}`)?.scrollIntoView({ block: "center" });
  }, [highlightId]);

  return (
    <div>
      {live ? <LiveToolbar live={liveState} intervalMs={live.intervalMs} /> : null}
      {/* The columns but Details have fixed widths (768 px together); below 60rem the table
          keeps that width, so Details keeps 192 px or more, and scrolls sideways in its box
          instead of squeezing Details to nothing or widening the page. On a phone (below
          40rem) each row folds into three lines instead (app/globals.css). */}
      <DataTable
        className="timeline w-full table-fixed sm:min-w-[60rem] border-collapse overflow-hidden rounded border border-slate-200 bg-white text-sm"
        columns={columns}
        data={rows}
        getRowId={timelineRowKey}
        rowAnchor={(row) => `row-${row.id}`}
        rowClassName={(row) => (row.id === highlightId ? "timeline-row timeline-row-highlighted" : row.kind === "error" ? "timeline-row timeline-row-error" : "timeline-row")}
        renderExpanded={(row) => (open.has(timelineRowKey(row)) ? <TimelineRowDetail row={row} /> : null)}
        renderBetween={(index) => {
          const gap = index < rows.length ? gaps[index] : gapAfter;
          return gap ? <GapRow ms={gap} columns={columns.length} where={index < rows.length ? undefined : "before the next page"} /> : null;
        }}
      />
      {rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No rows match these filters.</p> : null}
      <div className="mt-2 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-slate-500">
        <p>Tab to a row&apos;s ▸ (or press j) and Enter to open it; # copies the row&apos;s link and opens it.</p>
        <ListShortcuts rows="table.timeline > tbody > tr.timeline-row" open=".timeline-toggle" />
      </div>
    </div>
  );
}

/** A marked pause between two rows (or between this page's last row and the next page's first). */
function GapRow({ ms, columns, where }: { ms: number; columns: number; where?: string }) {
  return (
    <tr aria-label="gap">
      <td colSpan={columns} className="border-t border-dashed border-slate-300 bg-slate-50 text-center text-xs text-slate-500">
        ⋯ {formatDuration(ms)} with nothing logged{where ? ` ${where}` : ""} ⋯
      </td>
    </tr>
  );
}
