import "server-only";
import { buildLogRowsSql } from "@/lib/filters/build-log-rows-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { QueryNode } from "@/lib/query/query-terms";
import { parseTimelineRows, readTimelinePage, type TimelinePage } from "@/lib/runs/find-run-timeline";
import type { TimelineCursor } from "@/lib/runs/timeline-cursor";
import type { TimelineRow } from "@/lib/runs/find-run-timeline";
import type { KeyComparison, TimelineKey } from "@/lib/runs/timeline-cursor";
import { runSearchStatement } from "./run-search-statement";
import type { TimeRange } from "./resolve-time-range";

export const EXPLORE_PAGE_SIZE = 50;

export interface ExploreReadOptions {
  projectId?: string;
  tree: QueryNode;
  range: Pick<TimeRange, "from" | "to">;
}

/** One ordered read of matching rows (the page, the export and live mode read through it). */
export async function queryExploreRows({ projectId, tree, range, desc, after, take }: ExploreReadOptions & { desc: boolean; after: { key: TimelineKey; op: KeyComparison } | null; take: number }): Promise<TimelineRow[]> {
  const sql = buildLogRowsSql({ scope: { projectId, from: range.from, to: range.to }, filter: tree, desc, after, take });
  if (!sql) return [];
  const direction = Prisma.raw(desc ? "DESC" : "ASC");
  const [result] = await runSearchStatement<{ rows: string | null }>(
    Prisma.sql`SELECT json_agg(timeline ORDER BY created_at ${direction}, id ${direction}, kind ${direction})::text AS rows FROM (${sql}) AS timeline`,
  );
  return parseTimelineRows(result?.rows ?? null);
}

/** A page of the rows matching a search, newest first, paged by keyset both ways. */
export async function findExploreRows(options: ExploreReadOptions & { cursor: TimelineCursor | null; limit?: number }): Promise<TimelinePage> {
  return readTimelinePage({ order: "desc", cursor: options.cursor, limit: options.limit ?? EXPLORE_PAGE_SIZE, read: (read) => queryExploreRows({ ...options, ...read }) });
}
