import "server-only";
import { prisma } from "@/lib/db/client";

export interface ProjectOverview {
  id: string;
  name: string;
  errorsLast24h: number;
  /** Errors in the 24 hours before that, for the trend. */
  errorsPrevious24h: number;
  runCount: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Every project with its error counts over the last and the previous 24 hours, busiest first. */
export async function findProjectsOverview({ now = new Date() }: { now?: Date } = {}): Promise<ProjectOverview[]> {
  const since = new Date(now.getTime() - DAY);
  const before = new Date(now.getTime() - 2 * DAY);
  const [projects, errorCounts] = await Promise.all([
    prisma().project.findMany({
      select: { id: true, name: true, _count: { select: { runs: true } } },
      orderBy: { name: "asc" },
      take: 500,
    }),
    prisma().$queryRaw<{ project_id: string; last: number; previous: number }[]>`
      SELECT project_id,
        count(*) FILTER (WHERE created_at > ${since}::timestamptz)::int AS last,
        count(*) FILTER (WHERE created_at <= ${since}::timestamptz)::int AS previous
      FROM error_logs
      WHERE created_at > ${before}::timestamptz AND created_at <= ${now}::timestamptz AND project_id IS NOT NULL
      GROUP BY project_id`,
  ]);
  const counts = new Map(errorCounts.map((row) => [row.project_id, row]));
  return projects
    .map((project) => ({
      id: project.id,
      name: project.name,
      runCount: project._count.runs,
      errorsLast24h: counts.get(project.id)?.last ?? 0,
      errorsPrevious24h: counts.get(project.id)?.previous ?? 0,
    }))
    .sort((a, b) => b.errorsLast24h - a.errorsLast24h || a.name.localeCompare(b.name));
}
