// The explorer, for every project (/explore) or one (/projects/<id>/explore): a query box,
// a time range, a histogram, facets and the matching rows, all from the URL.
import Link from "next/link";
import { TimeRangePicker } from "@/components/time-range-picker";
import { ExploreHistogram } from "@/components/explore/explore-histogram";
import { ExploreResults } from "@/components/explore/explore-results";
import { FacetList } from "@/components/explore/facet-list";
import { QueryBox } from "@/components/explore/query-box";
import { getRetentionPolicy } from "@/lib/retention/retention-policy";
import { exploreBase, exploreHref, RANGE_LABELS, RANGE_PRESETS, type ExploreState } from "@/lib/explore/explore-url";
import { FACET_FIELDS, findExploreFacets, type Facets } from "@/lib/explore/find-explore-facets";
import { findExploreHistogram, type Histogram } from "@/lib/explore/find-explore-histogram";
import { findExploreRows } from "@/lib/explore/find-explore-rows";
import { histogramBucketMs, resolveTimeRange } from "@/lib/explore/resolve-time-range";
import { SearchTimeoutError } from "@/lib/explore/run-search-statement";
import { toExploreRowDto } from "@/lib/explore/to-explore-row-dto";
import { planQuery } from "@/lib/query/plan-query";
import { QuerySyntaxError, type QueryNode } from "@/lib/query/query-terms";
import { decodeTimelineCursor, encodeTimelineCursor, timelineKeyOf } from "@/lib/runs/timeline-cursor";
import type { TimelinePage } from "@/lib/runs/find-run-timeline";
import { ExploreToolbar } from "./explore-toolbar";
import { SavedSearches } from "./saved-searches";
import { findSavedSearches } from "@/lib/saved-searches/find-saved-searches";

/** `rangeProblem`: what is wrong with the URL's time range (the default range is shown instead). */
export async function ExploreView({ state, projectId, user, rangeProblem = null }: { state: ExploreState; projectId?: string; user: { id: string; role: string }; rangeProblem?: string | null }) {
  const isAdmin = user.role === "admin";
  const base = exploreBase(projectId);
  const policy = getRetentionPolicy();
  const range = resolveTimeRange({ ...state, now: new Date(), retainedDays: Math.max(policy.eventDays, policy.errorDays) });
  let tree: QueryNode | null = null;
  let problem: { message: string; column: number } | null = null;
  try {
    tree = planQuery(state.q);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    problem = { message: error.message, column: error.column };
  }
  let page: TimelinePage | null = null;
  let histogram: Histogram | null = null;
  let facets: Facets | null = null;
  let timedOut: string | null = null;
  const bucketMs = histogramBucketMs(range);
  if (tree) {
    try {
      [page, histogram, facets] = await Promise.all([
        findExploreRows({ projectId, tree, range, cursor: decodeTimelineCursor(state.cursor) }),
        findExploreHistogram({ projectId, tree, range, bucketMs }),
        findExploreFacets({ projectId, tree, range }),
      ]);
    } catch (error) {
      if (!(error instanceof SearchTimeoutError)) throw error;
      timedOut = error.message;
    }
  }
  // The range as the URL has it, kept by the query box and the pager.
  const rangeParams: [string, string][] = range.preset ? (range.preset === "24h" ? [] : [["range", range.preset]]) : [["from", range.from.toISOString()], ["to", range.to.toISOString()]];
  const keepForRange: [string, string][] = state.q ? [["q", state.q]] : [];
  const pageHref = (cursor: string | null) => exploreHref(base, { ...state, cursor });
  const newest = page?.rows[0];
  const searchQuery = new URLSearchParams([...keepForRange, ...rangeParams, ...(projectId ? [["project", projectId] as [string, string]] : [])]).toString();
  // Live tail: on the newest page of a range that ends now.
  const live = !state.cursor && range.preset !== null ? { query: searchQuery, after: newest ? encodeTimelineCursor({ key: timelineKeyOf(newest), direction: "next" }) : null } : null;
  const saved = await findSavedSearches({ userId: user.id, isAdmin, projectId: projectId ?? null });
  return (
    <>
      <QueryBox action={base} q={state.q} hidden={rangeParams} problem={problem} />
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <TimeRangePicker
          action={base}
          keep={keepForRange}
          presetParam="range"
          presets={RANGE_PRESETS.map((value) => ({ value, label: RANGE_LABELS[value] }))}
          current={{ preset: range.preset, from: range.from.toISOString(), to: range.to.toISOString() }}
        />
        <ExploreToolbar exportQuery={searchQuery} />
      </div>
      {rangeProblem && range.preset ? (
        <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          The time range in the URL was not used: {rangeProblem} Showing {range.preset === "all" ? "everything retained" : `the last ${RANGE_LABELS[range.preset]}`} instead.
        </p>
      ) : null}
      <div className="mb-3">
        <SavedSearches
          base={base}
          current={{ q: state.q, range: range.preset, from: range.preset ? null : range.from.toISOString(), to: range.preset ? null : range.to.toISOString() }}
          projectId={projectId ?? null}
          isAdmin={isAdmin}
          saved={saved}
        />
      </div>
      {timedOut ? (
        <p role="alert" className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-900">
          {timedOut}
        </p>
      ) : null}
      {histogram ? (
        <div className="mb-4">
          <ExploreHistogram base={base} q={state.q} starts={histogram.starts} bucketMs={histogram.bucketMs} counts={histogram.counts} />
        </div>
      ) : null}
      {page && facets ? (
        <div className="grid gap-4 md:grid-cols-[14rem_minmax(0,1fr)]">
          <FacetList facets={facets} base={base} state={state} fields={FACET_FIELDS.filter((f) => !(f === "project" && projectId))} />
          <section aria-label="Results">
            <nav aria-label="Pages" className="mb-2 flex gap-3 text-sm">
              {page.prev ? (
                <>
                  <Link href={pageHref(null)} className="text-sky-700 hover:underline">
                    ⇤ Newest
                  </Link>
                  <Link href={pageHref(encodeTimelineCursor(page.prev))} rel="prev" className="text-sky-700 hover:underline">
                    ← Newer
                  </Link>
                </>
              ) : null}
              {page.next ? (
                <Link href={pageHref(encodeTimelineCursor(page.next))} rel="next" className="text-sky-700 hover:underline">
                  Older →
                </Link>
              ) : (
                <span className="text-slate-500">No older rows in this range</span>
              )}
            </nav>
            <ExploreResults key={`${state.q}|${state.cursor ?? ""}|${range.from.toISOString()}`} rows={page.rows.map(toExploreRowDto)} showProject={!projectId} live={live} />
          </section>
        </div>
      ) : null}
    </>
  );
}
