"use client";
import { Fragment, useEffect, useMemo, useState, type MouseEvent as ReactMouseEvent } from "react";
import { useTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { dataTableFeatures, renderCell, type DataTableColumn } from "@/components/data-table";
import { ListShortcuts } from "@/components/keyboard/list-shortcuts";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";
import { copyText } from "@/lib/format/copy-text";
import { formatDuration } from "@/lib/format/duration";
import { showBidiControls } from "@/lib/format/split-links";
import { markGaps } from "@/lib/runs/mark-gaps";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";
import { LINK_COPIED_EVENT } from "./link-copied-notice";
import { TimelineRowDetail } from "./timeline-row-detail";
import { mergeLiveRows, useLiveRows, type LiveOptions } from "./use-live-rows";

const SEVERITY_STYLE: Record<string, string> = {
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  error: "bg-red-50 text-red-700 ring-red-200",
  critical: "bg-red-700 text-white ring-red-800",
};

// Each cell's look comes from app/globals.css (`.timeline-cell-<column id>`, `.timeline-kind`
// …): a page renders 100 rows, and every attribute and element less per row is server
// time and bytes saved. Log text in them goes through showBidiControls (a string function,
// no element more) or LinkedText, which does the same.

function summary(row: TimelineRowDto): string {
  if (row.kind === "error") return row.message ?? "";
  const line = row.dataJson;
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

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
  highlightId: string | null;
  order: "desc" | "asc";
  live: LiveOptions | null;
  /** When the rows just outside this page were written (ISO), so a pause across a page boundary is marked too. */
  edges?: { before: string | null; after: string | null };
}) {
  const liveState = useLiveRows(runId, live, initialRows);
  const router = useRouter();
  // A row's `#`: copies the row's link and opens it. A modified or middle click (new tab,
  // new window) is the browser's own.
  const openPermalink = (event: ReactMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const href = event.currentTarget.getAttribute("href")!;
    void copyText(new URL(href, location.href).toString()).then((ok) => window.dispatchEvent(new CustomEvent(LINK_COPIED_EVENT, { detail: { ok } })));
    router.push(href);
  };
  const rows = useMemo(() => mergeLiveRows(initialRows, liveState.rows, order), [initialRows, liveState.rows, order]);
  // The pause before each row, the first one's measured from the row above the page.
  const { gaps, gapAfter } = useMemo(() => {
    const times = rows.map((r) => Date.parse(r.createdAt));
    const before = edges.before === null || !times.length ? [] : [Date.parse(edges.before)];
    const after = edges.after === null || !times.length ? [] : [Date.parse(edges.after)];
    const marked = markGaps([...before, ...times, ...after]);
    return { gaps: marked.slice(before.length, before.length + times.length), gapAfter: after.length ? marked.at(-1)! : null };
  }, [rows, edges.before, edges.after]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(initialRows.filter((r) => r.id === highlightId).map((r) => `${r.kind}-${r.id}`)));
  const toggle = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  useEffect(() => {
    if (!highlightId) return;
    document.getElementById(`row-${highlightId}`)?.scrollIntoView({ block: "center" });
  }, [highlightId]);

  const columns = useMemo<DataTableColumn<TimelineRowDto>[]>(
    () => [
      {
        id: "time",
        header: "Time",
        cell: ({ row }) => <LocalTime iso={row.original.createdAt} />,
      },
      {
        id: "since",
        header: "Since start",
        cell: ({ row }) => (row.original.sinceStartMs < 0 ? "−" : "+") + formatDuration(Math.abs(row.original.sinceStartMs)),
      },
      {
        id: "type",
        header: "Type",
        cell: ({ row }) => (
          <>
            <span className={row.original.kind === "error" ? "timeline-kind timeline-kind-error" : "timeline-kind"}>{row.original.kind}</span>
            {showBidiControls(row.original.type)}
          </>
        ),
      },
      {
        id: "who",
        header: "Actor / severity",
        cell: ({ row }) =>
          row.original.severity ? (
            <span className={`inline-flex rounded px-1.5 py-0.5 font-sans text-xs font-medium ring-1 ring-inset ${SEVERITY_STYLE[row.original.severity] ?? ""}`}>{row.original.severity}</span>
          ) : (
            showBidiControls(row.original.actor ?? "")
          ),
      },
      {
        id: "summary",
        header: "Details",
        cell: ({ row }) => (
          <span>
            <LinkedText text={summary(row.original)} />
          </span>
        ),
      },
    ],
    [],
  );
  const table = useTable({ features: dataTableFeatures, columns, data: rows, getRowId: (row) => `${row.kind}-${row.id}` });
  const leafColumns = table.getAllLeafColumns();

  return (
    <div>
      {live ? (
        <div className="mb-2 flex items-center gap-3 text-sm">
          <button
            type="button"
            onClick={liveState.toggle}
            aria-pressed={liveState.on}
            className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {liveState.on ? "● Live: on" : "○ Live: off"}
          </button>
          <span role="status" className="text-slate-500">
            {liveState.signedOut ? (
              <>
                Your session has ended, so live mode stopped.{" "}
                {/* Rendered only after a poll, in the browser: the page to come back to is this one. */}
                <a href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="text-sky-700 hover:underline">
                  Sign in again
                </a>
              </>
            ) : liveState.on ? (
              `Checking for new rows every ${live.intervalMs / 1000} s`
            ) : (
              "Live mode paused"
            )}
            {liveState.newCount ? ` · ${liveState.newCount} new` : ""}
            {liveState.error ? ` · ${liveState.error}` : ""}
          </span>
        </div>
      ) : null}
      {/* The columns but Details have fixed widths (768 px together); below 60rem the table
          keeps that width, so Details keeps 192 px or more, and scrolls sideways in this box
          instead of squeezing Details to nothing or widening the page. On a phone (below
          40rem) each row folds into three lines instead (app/globals.css). */}
      <div className="overflow-x-auto">
        <table className="timeline w-full table-fixed sm:min-w-[60rem] border-collapse overflow-hidden rounded border border-slate-200 bg-white text-sm">
          <colgroup>
            <col className="w-8" />
            <col className="w-52" />
            <col className="w-28" />
            <col className="w-56" />
            <col className="w-36" />
            <col />
            <col className="w-12" />
          </colgroup>
          <thead className="bg-slate-100 text-left text-xs text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th className="px-2 py-2">
                  <span className="sr-only">Expand</span>
                </th>
                {group.headers.map((header) => (
                  <th key={header.id} className="px-2 py-2">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
                <th className="px-2 py-2">Link</th>
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row, index) => {
              const dto = row.original;
              const key = row.id;
              const open = expanded.has(key);
              const highlighted = highlightId === dto.id;
              const gap = gaps[index];
              return (
                <Fragment key={key}>
                  {gap ? <GapRow ms={gap} /> : null}
                  <tr
                    id={`row-${dto.id}`}
                    className={highlighted ? "timeline-row timeline-row-highlighted" : dto.kind === "error" ? "timeline-row timeline-row-error" : "timeline-row"}
                  >
                    <td>
                      <button
                        type="button"
                        aria-expanded={open}
                        // It controls the detail row, which exists only while open.
                        aria-controls={open ? `detail-${key}` : undefined}
                        aria-label={`${open ? "Collapse" : "Expand"} ${dto.kind} ${showBidiControls(dto.type)}`}
                        onClick={() => toggle(key)}
                        className="timeline-toggle"
                      >
                        {open ? "▾" : "▸"}
                      </button>
                    </td>
                    {leafColumns.map((column) => (
                      <td key={column.id} className={`timeline-cell-${column.id}`}>
                        {renderCell(column, row)}
                      </td>
                    ))}
                    <td>
                      {/* A plain link, not next/link: a permalink is for copying or a new tab,
                          and a plain anchor is the cheaper one to render 100 times. */}
                      <a href={`/runs/${encodeURIComponent(runId)}?at=${encodeURIComponent(dto.id)}#row-${encodeURIComponent(dto.id)}`} className="timeline-link" onClick={openPermalink} title="Copy the link to this row, and open it" aria-label={`Permalink to ${dto.kind} ${showBidiControls(dto.id)}`}>
                        #
                      </a>
                    </td>
                  </tr>
                  {open ? (
                    <tr id={`detail-${key}`} className={highlighted ? "bg-amber-50" : "bg-slate-50"}>
                      <td />
                      <td colSpan={6} className="pb-3">
                        <TimelineRowDetail row={dto} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
            {gapAfter ? <GapRow ms={gapAfter} where="before the next page" /> : null}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No rows match these filters.</p> : null}
      <div className="mt-2 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-slate-500">
        <p>Tab to a row&apos;s ▸ (or press j) and Enter to open it; # copies the row&apos;s link and opens it.</p>
        <ListShortcuts rows="table.timeline > tbody > tr.timeline-row" open=".timeline-toggle" />
      </div>
    </div>
  );
}

/** A marked pause between two rows (or between this page's last row and the next page's first). */
function GapRow({ ms, where }: { ms: number; where?: string }) {
  return (
    <tr aria-label="gap">
      <td colSpan={7} className="border-t border-dashed border-slate-300 bg-slate-50 text-center text-xs text-slate-500">
        ⋯ {formatDuration(ms)} with nothing logged{where ? ` ${where}` : ""} ⋯
      </td>
    </tr>
  );
}
