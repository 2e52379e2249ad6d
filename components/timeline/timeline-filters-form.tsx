import Link from "next/link";
import { FilterForm } from "@/components/filter-form";
import { FilterSelect } from "@/components/filter-select";
import { ACTOR_TYPES, SEVERITIES } from "@/lib/filters/log-enums";
import { runPath } from "@/lib/runs/row-permalink";
import { timelineSearchParams, type TimelineQuery } from "@/lib/runs/timeline-filters";

/** The timeline's filters as a plain GET form: the URL is the state, and works without JS; with it, a choice applies at once. */
export function TimelineFiltersForm({ runId, query, types }: { runId: string; query: TimelineQuery; types: string[] }) {
  const { filters } = query;
  return (
    <FilterForm
      // Keyed by the URL's query: Reset, paging and Back/Forward navigate client-side, and the
      // selects (uncontrolled, so the form works without JS) must start again from the URL.
      key={timelineSearchParams(query).toString()}
      action={runPath(runId)}
      applyOnChange
      className="group flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
      aria-label="Filters"
    >
      <FilterSelect
        label="Show"
        name="kind"
        value={filters.kind ?? ""}
        anyLabel="Events and errors"
        options={[
          { value: "event", label: "Events only" },
          { value: "error", label: "Errors only" },
        ]}
      />
      <FilterSelect label="Type" name="type" value={filters.types[0] ?? ""} anyLabel="Any type" options={[...new Set([...types, ...filters.types])]} />
      <FilterSelect label="Actor" name="actor" value={filters.actorTypes[0] ?? ""} anyLabel="Any actor" options={ACTOR_TYPES} />
      <FilterSelect label="Severity" name="severity" value={filters.severities[0] ?? ""} anyLabel="Any severity" options={SEVERITIES} />
      <FilterSelect
        label="Order"
        name="order"
        value={query.order}
        options={[
          { value: "desc", label: "Newest first" },
          { value: "asc", label: "Oldest first" },
        ]}
      />
      {/* For a browser without JS: with it, each select applies as soon as it changes. */}
      <button type="submit" className="filter-apply group-data-[apply-on-change=on]:hidden rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
        Apply
      </button>
      <Link href={runPath(runId)} className="py-1.5 text-sm text-slate-600 hover:underline">
        Reset
      </Link>
    </FilterForm>
  );
}
