import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketCount, ERROR_WINDOWS, type ErrorWindow } from "./error-window";

export interface ErrorGroup {
  errorType: string;
  /** The message with numbers, UUIDs and hex ids replaced by <n>, <uuid>, <hex>. */
  pattern: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  /** A traceId of this group, to open one example. */
  sampleTraceId: string;
  /** Counts per bucket, oldest first (hourly over 24 h). */
  buckets: number[];
}

export interface ErrorOverview {
  total: number;
  groups: ErrorGroup[];
  /** How many errors (the newest) the groups were made from; `total` when not sampled. */
  groupedFrom: number;
  /** The groups cover only the newest GROUP_SAMPLE errors of the window. */
  sampledGroups: boolean;
  /** Per bucket, oldest first: counts by severity (every error in the window). */
  chart: { start: Date; warning: number; error: number; critical: number }[];
}

export interface ErrorFilters {
  severities: string[];
  types: string[];
}

const MAX_GROUPS = 50;
/**
 * Groups are made from at most this many of the newest errors in the window. Normalising
 * a message takes three regular expressions (~10 µs a row), too slow for 100,000 rows a
 * day in a page load; the totals and the chart still count every row. See README.
 */
export const GROUP_SAMPLE = 5_000;
// Only this much of a message is normalised: enough to tell messages apart, and it
// bounds the cost of the regular expressions.
const MESSAGE_PREFIX = 300;

/** The WHERE clause shared by the overview and the list: one project, one window, filters. */
export function errorWindowWhere({ projectId, since, until, filters }: { projectId: string; since: Date; until: Date; filters: ErrorFilters }): Prisma.Sql {
  return Prisma.sql`project_id = ${projectId} AND created_at > ${since}::timestamptz AND created_at <= ${until}::timestamptz
    ${filters.severities.length ? Prisma.sql`AND severity = ANY(${filters.severities}::text[])` : Prisma.empty}
    ${filters.types.length ? Prisma.sql`AND error_type = ANY(${filters.types}::text[])` : Prisma.empty}`;
}

/**
 * A project's errors over a window, counted per bucket and severity for the chart (every
 * row, through the (project_id, created_at, id) index), and grouped by type and
 * normalised message over the newest GROUP_SAMPLE of them (a bounded backward scan of
 * the same index; the regular expressions run once per distinct message).
 */
export async function findErrorOverview({
  projectId,
  window,
  filters,
  now = new Date(),
  groupSample = GROUP_SAMPLE,
}: {
  projectId: string;
  window: ErrorWindow;
  filters: ErrorFilters;
  now?: Date;
  groupSample?: number;
}): Promise<ErrorOverview> {
  const { bucketMs } = ERROR_WINDOWS[window];
  const buckets = bucketCount(window);
  const [row] = await prisma().$queryRaw<{ groups: unknown; chart: unknown; sampled: number }[]>(buildErrorOverviewSql({ projectId, window, filters, now, groupSample }));
  const parse = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);
  const rawGroups = parse(row?.groups) as { errorType: string; pattern: string; count: number; firstSeen: string; lastSeen: string; traceId: string; ages: [number, number][] }[];
  const rawChart = parse(row?.chart) as [number, string, number][];
  // Bucket `age` 0 is the newest; arrays run oldest first.
  const index = (age: number) => buckets - 1 - age;
  const chart = Array.from({ length: buckets }, (_, i) => ({
    start: new Date(now.getTime() - (buckets - i) * bucketMs),
    warning: 0,
    error: 0,
    critical: 0,
  }));
  let total = 0;
  for (const [age, severity, n] of rawChart) {
    total += n;
    const slot = chart[index(age)];
    if (slot && (severity === "warning" || severity === "error" || severity === "critical")) slot[severity] += n;
  }
  const groups = rawGroups.map((g) => {
    const counts = new Array<number>(buckets).fill(0);
    for (const [age, n] of g.ages) counts[index(age)] = (counts[index(age)] ?? 0) + n;
    return { errorType: g.errorType, pattern: g.pattern, count: g.count, firstSeen: new Date(g.firstSeen), lastSeen: new Date(g.lastSeen), sampleTraceId: g.traceId, buckets: counts };
  });
  const sampled = Number(row?.sampled ?? 0);
  return { total, groups, chart, groupedFrom: sampled, sampledGroups: sampled < total };
}

/** The overview's one statement; the benchmark runs it raw. */
export function buildErrorOverviewSql({
  projectId,
  window,
  filters,
  now,
  groupSample = GROUP_SAMPLE,
}: {
  projectId: string;
  window: ErrorWindow;
  filters: ErrorFilters;
  now: Date;
  groupSample?: number;
}): Prisma.Sql {
  const { ms, bucketMs } = ERROR_WINDOWS[window];
  const since = new Date(now.getTime() - ms);
  const buckets = bucketCount(window);
  return Prisma.sql`
    WITH binned AS (
      -- date_bin is cheap per row (numeric epoch arithmetic is not); bins are (start, end],
      -- like the window, hence the microsecond (times are stored to the millisecond).
      SELECT severity, date_bin(${bucketMs / 1000}::int * interval '1 second', created_at - interval '1 microsecond', ${since}::timestamptz) AS bin,
        count(*)::int AS n
      FROM error_logs
      WHERE ${errorWindowWhere({ projectId, since, until: now, filters })}
      GROUP BY 1, 2
    ),
    totals AS (
      SELECT severity, GREATEST(0, ${buckets - 1}::int - (extract(epoch FROM (bin - ${since}::timestamptz)) * 1000 / ${bucketMs}::int)::int) AS age, n
      FROM binned
    ),
    sample AS MATERIALIZED (
      SELECT error_type, left(message, ${MESSAGE_PREFIX}::int) AS message, created_at, trace_id,
        LEAST(${buckets - 1}::int, floor(extract(epoch FROM (${now}::timestamptz - created_at)) * 1000 / ${bucketMs}::int)::int) AS age
      FROM error_logs
      WHERE ${errorWindowWhere({ projectId, since, until: now, filters })}
      ORDER BY created_at DESC, id DESC
      LIMIT ${groupSample}::int
    ),
    normalized AS (
      SELECT error_type, age, n, first_seen, last_seen, trace_id,
        regexp_replace(
          regexp_replace(
            regexp_replace(message, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<uuid>', 'g'),
            '\\m(0x[0-9a-fA-F]+|(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,})\\M', '<hex>', 'g'),
          '\\d+(\\.\\d+)?', '<n>', 'g') AS pattern
      FROM (SELECT error_type, message, age, count(*)::int AS n, min(created_at) AS first_seen, max(created_at) AS last_seen, max(trace_id) AS trace_id
            FROM sample GROUP BY 1, 2, 3) AS by_message
    ),
    per_age AS (
      SELECT error_type, pattern, age, sum(n)::int AS n, min(first_seen) AS first_seen, max(last_seen) AS last_seen, max(trace_id) AS trace_id
      FROM normalized GROUP BY 1, 2, 3
    ),
    groups AS (
      SELECT error_type, pattern, sum(n)::int AS count, min(first_seen) AS first_seen, max(last_seen) AS last_seen, max(trace_id) AS trace_id,
        json_agg(json_build_array(age, n)) AS ages
      FROM per_age GROUP BY 1, 2 ORDER BY count DESC, last_seen DESC LIMIT ${MAX_GROUPS}
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object('errorType', error_type, 'pattern', pattern, 'count', count, 'firstSeen', first_seen,
         'lastSeen', last_seen, 'traceId', trace_id, 'ages', ages) ORDER BY count DESC, last_seen DESC), '[]'::json) FROM groups) AS groups,
      (SELECT coalesce(json_agg(json_build_array(age, severity, n)), '[]'::json) FROM totals) AS chart,
      (SELECT count(*)::int FROM sample) AS sampled`;
}
