import "server-only";
import { readPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorRangeOf, type ErrorRange, type ErrorWindow } from "./error-window";
import { messagePatternSql } from "./message-pattern";

export interface ErrorGroup {
  /** The group's id (`error_logs.fingerprint`): the errors view's `?group=` selects it. */
  fingerprint: string;
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
  /** The MAX_GROUPS largest groups of every error in the window. */
  groups: ErrorGroup[];
  /** How many groups the window holds in all (more than `groups.length` when cut at MAX_GROUPS). */
  groupCount: number;
  /** Per bucket, oldest first: counts by severity (every error in the window). */
  chart: { start: Date; warning: number; error: number; critical: number }[];
}

export interface ErrorFilters {
  severities: string[];
  types: string[];
  /** One group's fingerprint (a UUID, checked by the caller); absent for every group. */
  group?: string;
}

export const MAX_GROUPS = 50;

/**
 * The WHERE clause shared by the overview and the list: one project, one window, filters.
 * The group is compared as a uuid on the stored column itself (never a cast or md5 of it),
 * so it stays a condition on the last key of (project_id, created_at, severity,
 * error_type, fingerprint) and the overview's scan stays index-only.
 */
export function errorWindowWhere({ projectId, since, until, filters }: { projectId: string; since: Date; until: Date; filters: ErrorFilters }): Prisma.Sql {
  return Prisma.sql`project_id = ${projectId} AND created_at > ${since}::timestamptz AND created_at <= ${until}::timestamptz
    ${filters.severities.length ? Prisma.sql`AND severity = ANY(${filters.severities}::text[])` : Prisma.empty}
    ${filters.types.length ? Prisma.sql`AND error_type = ANY(${filters.types}::text[])` : Prisma.empty}
    ${filters.group ? Prisma.sql`AND fingerprint = ${filters.group}::uuid` : Prisma.empty}`;
}

/**
 * A project's errors over a window: counted per bucket and severity for the chart, and
 * grouped by type and normalised message — every error of the window, both from one
 * index-only scan of (project_id, created_at, severity, error_type, fingerprint). The
 * normalised message is stored per row as `fingerprint` (a generated column), so no
 * regular expression runs per row at read time; only the MAX_GROUPS largest groups fetch
 * one row each (the newest) for the pattern shown and an example traceId.
 * Groups are ordered by count, then last seen, then type, then fingerprint (ties are
 * stable from one page view to the next).
 */
/** The errors overview's sort memory (see findErrorOverview). */
const OVERVIEW_WORK_MEM = "32MB";

export async function findErrorOverview({
  projectId,
  window,
  range: givenRange,
  filters,
  now = new Date(),
}: {
  projectId: string;
  /** A preset window ending `now`; or `range` instead. */
  window?: ErrorWindow;
  range?: ErrorRange;
  filters: ErrorFilters;
  now?: Date;
}): Promise<ErrorOverview> {
  const range = givenRange ?? errorRangeOf(window ?? "24h", now);
  const { bucketMs, buckets } = range;
  // Its sort of a window's errors spilled to disk at the default 4 MB work_mem once the
  // table was partitioned (3.2× slower over 24 hours; 1.2× with 32 MB, issue #15): the
  // memory is given to this one query, in its own transaction, not to every session.
  const [row] = await readPrisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${OVERVIEW_WORK_MEM}'`);
    return tx.$queryRaw<{ groups: unknown; chart: unknown; group_count: number }[]>(buildErrorOverviewSql({ projectId, range, filters, now }));
  });
  const parse = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);
  const rawGroups = (parse(row?.groups) ?? []) as { fingerprint: string; errorType: string; pattern: string; count: number; firstSeen: string; lastSeen: string; traceId: string; ages: [number, number][] }[];
  const rawChart = (parse(row?.chart) ?? []) as [number, string, number][];
  // Bucket `age` 0 is the newest; arrays run oldest first.
  const index = (age: number) => buckets - 1 - age;
  const chart = Array.from({ length: buckets }, (_, i) => ({
    start: new Date(range.since.getTime() + i * bucketMs),
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
    return { fingerprint: g.fingerprint, errorType: g.errorType, pattern: g.pattern, count: g.count, firstSeen: new Date(g.firstSeen), lastSeen: new Date(g.lastSeen), sampleTraceId: g.traceId, buckets: counts };
  });
  return { total, groups, groupCount: Number(row?.group_count ?? 0), chart };
}

/** The overview's one statement; the benchmark runs it raw. */
export function buildErrorOverviewSql({
  projectId,
  window,
  range: givenRange,
  filters,
  now,
}: {
  projectId: string;
  window?: ErrorWindow;
  range?: ErrorRange;
  filters: ErrorFilters;
  now: Date;
}): Prisma.Sql {
  const { since, until, bucketMs, buckets } = givenRange ?? errorRangeOf(window ?? "24h", now);
  const where = errorWindowWhere({ projectId, since, until, filters });
  return Prisma.sql`
    WITH counted AS MATERIALIZED (
      -- One pass over the window, index-only: per group, severity and bucket. date_bin is
      -- cheap per row (numeric epoch arithmetic is not); bins are (start, end], like the
      -- window, hence the microsecond (times are stored to the millisecond).
      SELECT error_type, fingerprint, severity,
        date_bin(${bucketMs / 1000}::int * interval '1 second', created_at - interval '1 microsecond', ${since}::timestamptz) AS bin,
        count(*)::int AS n, min(created_at) AS first_seen, max(created_at) AS last_seen
      FROM error_logs
      WHERE ${where}
      GROUP BY 1, 2, 3, 4
    ),
    aged AS (
      SELECT error_type, fingerprint, severity, n, first_seen, last_seen,
        GREATEST(0, ${buckets - 1}::int - (extract(epoch FROM (bin - ${since}::timestamptz)) * 1000 / ${bucketMs}::int)::int) AS age
      FROM counted
    ),
    per_age AS (
      SELECT error_type, fingerprint, age, sum(n)::int AS n, min(first_seen) AS first_seen, max(last_seen) AS last_seen
      FROM aged GROUP BY 1, 2, 3
    ),
    all_groups AS (
      SELECT error_type, fingerprint, sum(n)::int AS count, min(first_seen) AS first_seen, max(last_seen) AS last_seen,
        json_agg(json_build_array(age, n)) AS ages
      FROM per_age GROUP BY 1, 2
    ),
    top AS (
      SELECT * FROM all_groups ORDER BY count DESC, last_seen DESC, error_type, fingerprint LIMIT ${MAX_GROUPS}
    ),
    shown AS (
      -- Each shown group's newest error (within the filters): its pattern and traceId.
      SELECT top.*, sample.trace_id, ${messagePatternSql(Prisma.sql`sample.message`)} AS pattern
      FROM top CROSS JOIN LATERAL (
        SELECT trace_id, message FROM error_logs
        WHERE ${where} AND created_at = top.last_seen AND error_type = top.error_type AND fingerprint = top.fingerprint
        ORDER BY id DESC LIMIT 1
      ) AS sample
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object('fingerprint', fingerprint, 'errorType', error_type, 'pattern', pattern, 'count', count, 'firstSeen', first_seen,
         'lastSeen', last_seen, 'traceId', trace_id, 'ages', ages) ORDER BY count DESC, last_seen DESC, error_type, fingerprint), '[]'::json) FROM shown) AS groups,
      (SELECT coalesce(json_agg(json_build_array(age, severity, n)), '[]'::json)
         FROM (SELECT age, severity, sum(n)::int AS n FROM aged GROUP BY 1, 2) AS totals) AS chart,
      (SELECT count(*)::int FROM all_groups) AS group_count`;
}
