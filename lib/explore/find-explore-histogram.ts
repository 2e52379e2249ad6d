import "server-only";
import { scopedCondition } from "@/lib/filters/build-log-rows-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExploreReadOptions } from "./find-explore-rows";
import { runSearchStatement } from "./run-search-statement";

/** The histogram's series: events, and errors by severity. */
export const HISTOGRAM_SERIES = ["event", "warning", "error", "critical"] as const;
export type HistogramSeries = (typeof HISTOGRAM_SERIES)[number];

export interface Histogram {
  bucketMs: number;
  /** Bucket start times (ms since the epoch), oldest first, every bucket of the range. */
  starts: number[];
  /** Counts per series, aligned with `starts`. */
  counts: Record<HistogramSeries, number[]>;
}

/** Matching rows per bucket of `bucketMs` across the range, stacked by kind and severity. */
export async function findExploreHistogram({ projectId, tree, range, bucketMs }: ExploreReadOptions & { bucketMs: number }): Promise<Histogram> {
  const origin = range.from.getTime();
  const bucketCount = Math.max(1, Math.ceil((range.to.getTime() - origin) / bucketMs));
  const scope = { projectId, from: range.from, to: range.to };
  const parts: Prisma.Sql[] = [];
  const bucket = Prisma.sql`floor((extract(epoch from created_at) * 1000 - ${origin}::float8) / ${bucketMs}::float8)::int`;
  const events = scopedCondition(scope, tree, "event");
  if (events !== false) parts.push(Prisma.sql`SELECT ${bucket} AS bucket, 'event'::text AS series, count(*)::int AS n FROM event_logs WHERE ${events} GROUP BY 1`);
  const errors = scopedCondition(scope, tree, "error");
  if (errors !== false) parts.push(Prisma.sql`SELECT ${bucket} AS bucket, severity AS series, count(*)::int AS n FROM error_logs WHERE ${errors} GROUP BY 1, 2`);
  const counts = Object.fromEntries(HISTOGRAM_SERIES.map((s) => [s, new Array<number>(bucketCount).fill(0)])) as Histogram["counts"];
  const starts = Array.from({ length: bucketCount }, (_, i) => origin + i * bucketMs);
  if (parts.length === 0) return { bucketMs, starts, counts };
  const rows = await runSearchStatement<{ bucket: number; series: string; n: number }>(Prisma.join(parts, " UNION ALL "));
  for (const row of rows) {
    const series = counts[row.series as HistogramSeries];
    if (series && row.bucket >= 0 && row.bucket < bucketCount) series[row.bucket] = (series[row.bucket] ?? 0) + row.n;
  }
  return { bucketMs, starts, counts };
}
