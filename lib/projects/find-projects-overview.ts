import "server-only";
import { readPrisma } from "@/lib/db/client";

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
  /** How many projects there are in all. */
  total: number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The busiest projects with their error counts over the last and the previous 24 hours.
 * Ranked in the database over every project, so a project with errors is never left out
 * because others come first by name (a client sending a new projectId per item can make
 * thousands).
 */
export async function findProjectsOverview({ now = new Date(), limit = 100 }: { now?: Date; limit?: number } = {}): Promise<ProjectsOverview> {
  const since = new Date(now.getTime() - DAY);
  const before = new Date(now.getTime() - 2 * DAY);
  const rows = await readPrisma().$queryRaw<{ id: string; name: string; last: number; previous: number; run_count: number; total: number }[]>`
    WITH counts AS (
      SELECT project_id,
        count(*) FILTER (WHERE created_at > ${since}::timestamptz)::int AS last,
        count(*) FILTER (WHERE created_at <= ${since}::timestamptz)::int AS previous
      FROM error_logs
      WHERE created_at > ${before}::timestamptz AND created_at <= ${now}::timestamptz AND project_id IS NOT NULL
      GROUP BY project_id
    ), ranked AS (
      SELECT p.id, p.name, coalesce(c.last, 0) AS last, coalesce(c.previous, 0) AS previous, count(*) OVER ()::int AS total
      FROM projects p LEFT JOIN counts c ON c.project_id = p.id
      ORDER BY last DESC, previous DESC, p.name, p.id
      LIMIT ${Math.max(1, Math.trunc(limit))}
    )
    -- Runs are counted for the shown projects only.
    SELECT ranked.*, (SELECT count(*)::int FROM runs WHERE runs.project_id = ranked.id) AS run_count
    FROM ranked ORDER BY last DESC, previous DESC, name, id`;
  return {
    projects: rows.map((r) => ({ id: r.id, name: r.name, errorsLast24h: Number(r.last), errorsPrevious24h: Number(r.previous), runCount: Number(r.run_count) })),
    total: Number(rows[0]?.total ?? 0),
  };
}
