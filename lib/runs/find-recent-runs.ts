import "server-only";
import { prisma } from "@/lib/db/client";

export interface RecentRun {
  id: string;
  name: string | null;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  projectId: string | null;
  projectName: string | null;
}

/** The most recently started runs across all projects. */
export async function findRecentRuns({ limit = 20 }: { limit?: number } = {}): Promise<RecentRun[]> {
  const runs = await prisma().run.findMany({
    select: {
      id: true,
      name: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      projectId: true,
      project: { select: { name: true } },
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
  });
  return runs.map(({ project, ...run }) => ({ ...run, projectName: project?.name ?? null }));
}
