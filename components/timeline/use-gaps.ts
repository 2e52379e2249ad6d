"use client";
import { useMemo } from "react";
import { markGaps } from "@/lib/runs/mark-gaps";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";

/**
 * The long pauses of a page of timeline rows (in display order, lib/runs/mark-gaps): the
 * one before each row (the first one's measured from the row above the page, `edges.before`)
 * and the one after the last row (to the row below the page, `edges.after`), in ms or null.
 */
export function useGaps(rows: TimelineRowDto[], edges: { before: string | null; after: string | null }) {
  return useMemo(() => {
    const times = rows.map((r) => Date.parse(r.createdAt));
    const before = edges.before === null || !times.length ? [] : [Date.parse(edges.before)];
    const after = edges.after === null || !times.length ? [] : [Date.parse(edges.after)];
    const marked = markGaps([...before, ...times, ...after]);
    return { gaps: marked.slice(before.length, before.length + times.length), gapAfter: after.length ? marked.at(-1)! : null };
  }, [rows, edges.before, edges.after]);
}
