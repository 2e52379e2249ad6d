import "server-only";
import { readPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runDisplayStatus } from "./run-display-status";

import type { RunDetail } from "./get-run";

/** A run as the recent-runs list shows it: the same fields as one run's detail. */
export type RecentRun = RunDetail;

/** The most recently started runs across all projects. */
export async function findRecentRuns({ limit = 20 }: { limit?: number } = {}): Promise<RecentRun[]> {
  const runs = await readPrisma().run.findMany({
    select: {
      id: true,
      name: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      lastRowAt: true,
      projectId: true,
      project: { select: { name: true } },
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
  });
  const now = new Date();
  const idleMinutes = env().RUN_IDLE_MINUTES;
  return runs.map(({ project, ...run }) => ({ ...run, displayStatus: runDisplayStatus(run, { now, idleMinutes }), projectName: project?.name ?? null }));
}
