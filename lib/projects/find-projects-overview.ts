import "server-only";
import { readPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ProjectOverview {
  id: string;
  name: string;
  errorsLast24h: number;
  /** Errors in the 24 hours before that, for the trend. */
  errorsPrevious24h: number;
  runCount: number;
}

export interface ProjectsOverview {
  /** The `limit` busiest projects: most errors in the last 24 h, then the 24 h before, then by name. */
  projects: ProjectOverview[];
  /** How many projects there are in all, counted up to PROJECT_COUNT_CAP. */
  total: number;
  /** True when there are more than PROJECT_COUNT_CAP projects (`total` is then the cap). */
  totalCapped: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** Projects are counted up to this many: counting them all would cost a scan of every one. */
export const PROJECT_COUNT_CAP = 1_000;

/**
 * The busiest projects with their error counts over the last and the previous 24 hours.
 * Ranked in the database over every project with errors in those 48 hours, so a project
 * with errors is never left out because others come first by name; the rest of the page
 * is filled with quiet projects by name, read from the (name, id) index. The cost depends
 * on the errors of the last 48 hours and on `limit`, never on how many projects there are
 * (one key once made 100,000): no query reads every project.
 */
export async function findProjectsOverview({ now = new Date(), limit = 100 }: { now?: Date; limit?: number } = {}): Promise<ProjectsOverview> {
  const rows = await readPrisma().$queryRaw<{ id: string; name: string; last: number; previous: number; run_count: number; total: number }[]>(projectsOverviewQuery({ now, limit }));
  const total = Number(rows[0]?.total ?? 0);
  return {
    projects: rows.map((r) => ({ id: r.id, name: r.name, errorsLast24h: Number(r.last), errorsPrevious24h: Number(r.previous), runCount: Number(r.run_count) })),
    total: Math.min(total, PROJECT_COUNT_CAP),
    totalCapped: total > PROJECT_COUNT_CAP,
  };
}

/** The overview's one statement (exported so a test can read its plan). */
export function projectsOverviewQuery({ now, limit }: { now: Date; limit: number }): Prisma.Sql {
  const since = new Date(now.getTime() - DAY);
  const before = new Date(now.getTime() - 2 * DAY);
  const shown = Math.max(1, Math.trunc(limit));
  return Prisma.sql`
    WITH counts AS MATERIALIZED (
      SELECT project_id,
        count(*) FILTER (WHERE created_at > ${since}::timestamptz)::int AS last,
        count(*) FILTER (WHERE created_at <= ${since}::timestamptz)::int AS previous
      FROM error_logs
      WHERE created_at > ${before}::timestamptz AND created_at <= ${now}::timestamptz AND project_id IS NOT NULL
      GROUP BY project_id
    ), busy AS (
      SELECT p.id, p.name, c.last, c.previous
      FROM counts c JOIN projects p ON p.id = c.project_id
      ORDER BY c.last DESC, c.previous DESC, p.name, p.id
      LIMIT ${shown}
    ), quiet AS (
      -- When fewer than \`limit\` projects have errors, every one of them is in busy: of
      -- the first 2 × limit by name, at least \`limit\` have none.
      SELECT p.id, p.name, 0 AS last, 0 AS previous
      FROM projects p
      ORDER BY p.name, p.id
      LIMIT ${2 * shown}
    ), ranked AS (
      SELECT * FROM busy
      UNION ALL
      SELECT q.* FROM quiet q WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.project_id = q.id)
      ORDER BY last DESC, previous DESC, name, id
      LIMIT ${shown}
    )
    -- Runs are counted for the shown projects only; projects up to the cap.
    SELECT ranked.*, (SELECT count(*)::int FROM runs WHERE runs.project_id = ranked.id) AS run_count,
      (SELECT count(*)::int FROM (SELECT 1 FROM projects LIMIT ${PROJECT_COUNT_CAP + 1}) AS capped) AS total
    FROM ranked ORDER BY last DESC, previous DESC, name, id`;
}
