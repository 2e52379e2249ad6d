import "server-only";
import { cache } from "react";
import { readPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runDisplayStatus } from "./run-display-status";

export interface RunDetail {
  id: string;
  name: string | null;
  status: string;
  /** As pages show it: "idle" for a running run that has not logged for RUN_IDLE_MINUTES. */
  displayStatus: string;
  /** When it last logged (to the minute); null: never (lib/runs/record-run-activity.ts). */
  lastRowAt: Date | null;
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
    select: { id: true, name: true, status: true, startedAt: true, finishedAt: true, lastRowAt: true, projectId: true, project: { select: { name: true } } },
  });
  if (!run) return null;
  const { project, ...rest } = run;
  return { ...rest, displayStatus: runDisplayStatus(rest, { now: new Date(), idleMinutes: env().RUN_IDLE_MINUTES }), projectName: project?.name ?? null };
});
