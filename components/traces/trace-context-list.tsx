"use client";
import { LocalTime } from "@/components/local-time";
import { showBidiControls } from "@/lib/format/split-links";

export interface TraceContextLine {
  kind: "event" | "error";
  id: string;
  /** ISO time. */
  at: string;
  label: string;
  detail: string;
  /** The row in the run timeline. */
  href: string;
}

/**
 * A run's events and errors around a trace's errors, oldest first. A client component so
 * that the page sends each line as a few strings, not as a tree of elements: a trace
 * page shows up to 200 lines per run. Its links are plain anchors, not next/link: 200 of
 * those cost ~3 ms to render (and would prefetch a timeline each as they scroll into view).
 * A line wraps on a phone, where its time alone takes half the width; a long type or
 * detail is cut short, and the line's row in the timeline has all of it.
 */
export function TraceContextList({ lines }: { lines: TraceContextLine[] }) {
  return (
    <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
      {lines.map((line) => (
        <li key={`${line.kind}-${line.id}`} className={`flex flex-wrap items-baseline gap-x-3 px-3 py-1.5 sm:flex-nowrap ${line.kind === "error" ? "bg-red-50" : ""}`}>
          <LocalTime iso={line.at} />
          <span className={`rounded px-1 text-[10px] font-semibold uppercase ${line.kind === "error" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-600"}`}>{line.kind}</span>
          <span className="max-w-1/2 truncate font-mono text-xs">{showBidiControls(line.label)}</span>
          <span className="truncate text-xs text-slate-600">{showBidiControls(line.detail)}</span>
          <a href={line.href} className="ml-auto shrink-0 text-xs text-sky-700 hover:underline">
            in timeline
          </a>
        </li>
      ))}
    </ol>
  );
}
