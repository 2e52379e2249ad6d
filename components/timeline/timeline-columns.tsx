"use client";
import { useCallback, type MouseEvent as ReactMouseEvent } from "react";
import { useRouter } from "next/navigation";
import type { DataTableColumn } from "@/components/data-table";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";
import { SeverityBadge } from "@/components/severity-badge";
import { copyText } from "@/lib/format/copy-text";
import { formatDuration } from "@/lib/format/duration";
import { showBidiControls } from "@/lib/format/split-links";
import { runRowHref } from "@/lib/runs/row-permalink";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";
import { LINK_COPIED_EVENT } from "./link-copied-notice";

// Each cell's look comes from app/globals.css (`.timeline-cell-<column id>`, `.timeline-kind`
// …): a page renders 100 rows, and every attribute and element less per row is server
// time and bytes saved. Log text in them goes through showBidiControls (a string function,
// no element more) or LinkedText, which does the same.

/** A row's key in the timeline (an event and an error may share an id). */
export const timelineRowKey = (row: TimelineRowDto) => `${row.kind}-${row.id}`;

function summary(row: TimelineRowDto): string {
  if (row.kind === "error") return row.message ?? "";
  const line = row.dataJson;
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/**
 * The timeline's columns: the ▸ that opens a row (its detail is DataTable's renderExpanded),
 * time, since start, type, actor or severity, details and the row's `#` permalink. Widths
 * as classes of their `<col>`s: all but Details fixed, 768 px together.
 */
export function timelineColumns({
  runId,
  isOpen,
  toggle,
  onPermalinkClick,
}: {
  runId: string;
  /** Whether the row with this key (timelineRowKey) is open. */
  isOpen: (key: string) => boolean;
  toggle: (key: string) => void;
  onPermalinkClick: (event: ReactMouseEvent<HTMLAnchorElement>) => void;
}): DataTableColumn<TimelineRowDto>[] {
  return [
    {
      id: "toggle",
      header: () => <span className="sr-only">Expand</span>,
      width: "w-8",
      cell: ({ row: { original: row } }) => {
        const key = timelineRowKey(row);
        const open = isOpen(key);
        return (
          <button
            type="button"
            aria-expanded={open}
            // It controls the detail row, which exists only while open.
            aria-controls={open ? `detail-${key}` : undefined}
            aria-label={`${open ? "Collapse" : "Expand"} ${row.kind} ${showBidiControls(row.type)}`}
            onClick={() => toggle(key)}
            className="timeline-toggle"
          >
            {open ? "▾" : "▸"}
          </button>
        );
      },
    },
    { id: "time", header: "Time", width: "w-52", className: "timeline-cell-time", cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
    {
      id: "since",
      header: "Since start",
      width: "w-28",
      className: "timeline-cell-since",
      cell: ({ row }) => (row.original.sinceStartMs < 0 ? "−" : "+") + formatDuration(Math.abs(row.original.sinceStartMs)),
    },
    {
      id: "type",
      header: "Type",
      width: "w-56",
      className: "timeline-cell-type",
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
      width: "w-36",
      className: "timeline-cell-who",
      cell: ({ row }) => (row.original.severity ? <SeverityBadge severity={row.original.severity} /> : showBidiControls(row.original.actor ?? "")),
    },
    {
      id: "summary",
      header: "Details",
      className: "timeline-cell-summary",
      cell: ({ row }) => (
        <span>
          <LinkedText text={summary(row.original)} />
        </span>
      ),
    },
    {
      id: "link",
      header: "Link",
      width: "w-12",
      // A plain link, not next/link: a permalink is for copying or a new tab, and a plain
      // anchor is the cheaper one to render 100 times.
      cell: ({ row: { original: row } }) => (
        <a href={runRowHref(runId, row.id)} className="timeline-link" onClick={onPermalinkClick} title="Copy the link to this row, and open it" aria-label={`Permalink to ${row.kind} ${showBidiControls(row.id)}`}>
          #
        </a>
      ),
    },
  ];
}

/**
 * A row's `#`: copies the row's link and opens it. A modified or middle click (new tab,
 * new window) is the browser's own.
 */
export function usePermalinkClick() {
  const router = useRouter();
  return useCallback(
    (event: ReactMouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const href = event.currentTarget.getAttribute("href")!;
      void copyText(new URL(href, location.href).toString()).then((ok) => window.dispatchEvent(new CustomEvent(LINK_COPIED_EVENT, { detail: { ok } })));
      router.push(href);
    },
    [router],
  );
}
