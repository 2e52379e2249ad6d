import { hasFilters, timelineExportHref, type TimelineQuery } from "@/lib/runs/timeline-filters";

const FORMATS = [
  ["csv", "CSV"],
  ["ndjson", "NDJSON"],
  ["json", "JSON"],
] as const;

/** Downloads of the whole run as the view filters and orders it. */
export function TimelineExportLinks({ runId, query }: { runId: string; query: TimelineQuery }) {
  return (
    <span className="ml-auto flex items-center gap-2 text-slate-600">
      Export{hasFilters(query.filters) ? " (filtered)" : ""}:
      {FORMATS.map(([format, label]) => (
        <a key={format} href={timelineExportHref(runId, query, format)} className="text-sky-700 hover:underline" download>
          {label}
        </a>
      ))}
    </span>
  );
}
