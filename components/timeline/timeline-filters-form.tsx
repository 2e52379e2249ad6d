import Link from "next/link";
import { ACTOR_TYPES, SEVERITIES, type TimelineQuery } from "@/lib/runs/timeline-filters";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-600";

/** The timeline's filters as a plain GET form: the URL is the state, and works without JS. */
export function TimelineFiltersForm({ runId, query, types }: { runId: string; query: TimelineQuery; types: string[] }) {
  const { filters } = query;
  return (
    <form method="get" action={`/runs/${encodeURIComponent(runId)}`} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Filters">
      <label className="flex flex-col text-xs text-slate-600">
        Show
        <select name="kind" defaultValue={filters.kind ?? ""} className={field}>
          <option value="">Events and errors</option>
          <option value="event">Events only</option>
          <option value="error">Errors only</option>
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Type
        <select name="type" defaultValue={filters.types[0] ?? ""} className={field}>
          <option value="">Any type</option>
          {[...new Set([...types, ...filters.types])].map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Actor
        <select name="actor" defaultValue={filters.actorTypes[0] ?? ""} className={field}>
          <option value="">Any actor</option>
          {ACTOR_TYPES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Severity
        <select name="severity" defaultValue={filters.severities[0] ?? ""} className={field}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Order
        <select name="order" defaultValue={query.order} className={field}>
          <option value="desc">Newest first</option>
          <option value="asc">Oldest first</option>
        </select>
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
        Apply
      </button>
      <Link href={`/runs/${encodeURIComponent(runId)}`} className="py-1.5 text-sm text-slate-600 hover:underline">
        Reset
      </Link>
    </form>
  );
}
