import Link from "next/link";
import { showBidiControls } from "@/lib/format/split-links";
import type { FacetField, Facets } from "@/lib/explore/find-explore-facets";
import { exploreHref, type ExploreState } from "@/lib/explore/explore-url";
import { addTerm } from "@/lib/query/format-term";

const LABELS: Record<FacetField, string> = { type: "Type", severity: "Severity", actor: "Actor", user: "User", run: "Run", project: "Project" };

/** The top values of each facet: a value adds `field:value` to the query, − adds `-field:value`. */
export function FacetList({ facets, base, state, fields }: { facets: Facets; base: string; state: ExploreState; fields: readonly FacetField[] }) {
  const href = (field: FacetField, value: string, exclude: boolean) => exploreHref(base, { ...state, q: addTerm(state.q, field, value, exclude), cursor: null });
  return (
    <aside aria-label="Facets" className="space-y-4 text-sm">
      {fields.map((field) => (
        <section key={field} aria-label={`${LABELS[field]} facet`}>
          <h2 className="mb-1 text-xs font-semibold text-slate-500 uppercase">{LABELS[field]}</h2>
          {facets[field].length === 0 ? (
            <p className="text-xs text-slate-500">—</p>
          ) : (
            <ul className="space-y-0.5">
              {facets[field].map(({ value, count }) => (
                <li key={value} className="flex items-center gap-1">
                  <Link href={href(field, value, false)} className="min-w-0 flex-1 truncate font-mono text-xs text-sky-700 hover:underline" title={`Only ${field}:${value}`}>
                    {showBidiControls(value)}
                  </Link>
                  <span className="text-xs text-slate-500 tabular-nums">{count.toLocaleString("en-US")}</span>
                  <Link href={href(field, value, true)} className="rounded px-1 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-900" aria-label={`Exclude ${field} ${showBidiControls(value)}`} title={`Exclude: -${field}:${value}`}>
                    −
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </aside>
  );
}
