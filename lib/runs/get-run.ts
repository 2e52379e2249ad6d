import "server-only";
import { cache } from "react";
import { readPrisma } from "@/lib/db/client";

export interface RunDetail {
  id: string;
  name: string | null;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  projectId: string | null;
  projectName: string | null;
}

/** One run with its project's name, or null (once per request: the layout and the page both ask). */
export function getRun({ runId }: { runId: string }): Promise<RunDetail | null> {
  return getRunById(runId);
}

// React's cache keys on argument identity, so the cached function takes the id itself.
const getRunById = cache(async (runId: string): Promise<RunDetail | null> => {
  const run = await readPrisma().run.findUnique({
    where: { id: runId },
    select: { id: true, name: true, status: true, startedAt: true, finishedAt: true, projectId: true, project: { select: { name: true } } },
  });
  if (!run) return null;
  const { project, ...rest } = run;
  return { ...rest, projectName: project?.name ?? null };
});
