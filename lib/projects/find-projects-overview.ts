import "server-only";
import { prisma } from "@/lib/db/client";

export interface ProjectOverview {
  id: string;
  name: string;
  errorsLast24h: number;
  runCount: number;
}

/** Every project with its error count over the 24 hours before `now`, busiest first. */
export async function findProjectsOverview({ now = new Date() }: { now?: Date } = {}): Promise<ProjectOverview[]> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [projects, errorCounts] = await Promise.all([
    prisma().project.findMany({
      select: { id: true, name: true, _count: { select: { runs: true } } },
      orderBy: { name: "asc" },
    }),
    prisma().errorLog.groupBy({
      by: ["projectId"],
      where: { createdAt: { gt: since, lte: now }, projectId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const countByProject = new Map(errorCounts.map((row) => [row.projectId, row._count._all]));
  return projects
    .map((project) => ({
      id: project.id,
      name: project.name,
      runCount: project._count.runs,
      errorsLast24h: countByProject.get(project.id) ?? 0,
    }))
    .sort((a, b) => b.errorsLast24h - a.errorsLast24h || a.name.localeCompare(b.name));
}
