import "server-only";
import { prisma } from "@/lib/db/client";

export interface RunDetail {
  id: string;
  name: string | null;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  projectId: string | null;
  projectName: string | null;
}

/** One run with its project's name, or null. */
export async function getRun({ runId }: { runId: string }): Promise<RunDetail | null> {
  const run = await prisma().run.findUnique({
    where: { id: runId },
    select: { id: true, name: true, status: true, startedAt: true, finishedAt: true, projectId: true, project: { select: { name: true } } },
  });
  if (!run) return null;
  const { project, ...rest } = run;
  return { ...rest, projectName: project?.name ?? null };
}
