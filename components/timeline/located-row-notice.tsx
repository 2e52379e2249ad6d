import Link from "next/link";
import { showBidiControls } from "@/lib/format/split-links";
import type { RunTimeline } from "@/lib/runs/load-run-timeline";
import { rowFragment } from "@/lib/runs/row-permalink";
import { timelineHref, type TimelineQuery } from "@/lib/runs/timeline-filters";

/** What became of the row a permalink (`at`) names, when it is not simply shown: no such row, or left out by the filters. */
export function LocatedRowNotice({ runId, query, located }: { runId: string; query: TimelineQuery; located: RunTimeline["located"] }) {
  if (!located || !query.at) return null;
  if (!located.found) {
    return (
      <p role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm wrap-anywhere text-amber-800">
        This run has no event or error with the id “{showBidiControls(query.at)}”; showing the newest rows.
      </p>
    );
  }
  if (!located.hiddenByFilters) return null;
  const unfiltered = timelineHref(runId, { filters: { types: [], actorTypes: [], severities: [] }, order: query.order, at: query.at });
  return (
    <p role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-800">
      The {located.kind} “{query.at}” is not shown: the filters leave it out; showing the rows around where it would be.{" "}
      <Link href={`${unfiltered}${rowFragment(query.at)}`} className="underline">
        Show it without filters
      </Link>
    </p>
  );
}
