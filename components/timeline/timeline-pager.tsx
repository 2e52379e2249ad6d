import Link from "next/link";
import type { ReactNode } from "react";
import { encodeTimelineCursor, type TimelineCursor } from "@/lib/runs/timeline-cursor";
import { timelineHref, type TimelineQuery } from "@/lib/runs/timeline-filters";

/**
 * Newest/Newer and Older links for a page of the timeline (above and below the table),
 * with the view's filters and order; `children` after them (where the run ends).
 */
export function TimelinePager({
  runId,
  query,
  page,
  label,
  className,
  children,
}: {
  runId: string;
  query: TimelineQuery;
  page: { prev: TimelineCursor | null; next: TimelineCursor | null };
  label: string;
  className: string;
  children?: ReactNode;
}) {
  const href = (cursor?: TimelineCursor) => timelineHref(runId, { filters: query.filters, order: query.order, cursor: cursor && encodeTimelineCursor(cursor) });
  const desc = query.order === "desc";
  return (
    <nav aria-label={label} className={className}>
      {page.prev ? (
        <>
          <Link href={href()} className="text-sky-700 hover:underline">
            {desc ? "⇤ Newest" : "⇤ Oldest"}
          </Link>
          <Link href={href(page.prev)} className="text-sky-700 hover:underline" rel="prev">
            ← {desc ? "Newer" : "Earlier"}
          </Link>
        </>
      ) : null}
      {page.next ? (
        <Link href={href(page.next)} className="text-sky-700 hover:underline" rel="next">
          {desc ? "Older" : "Later"} →
        </Link>
      ) : null}
      {children}
    </nav>
  );
}
