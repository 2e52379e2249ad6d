// Rows for e2e/first-hour.spec.ts (#12 items 2–10, #11.11), in runs and projects of their
// own so no other spec sees them change. Loaded by e2e/load-fixtures.ts.
import type { Database } from "@/lib/db/client";
import { E2E } from "./fixtures";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const FH = {
  // Live mode on a busy run: 150 events in the last 5 minutes, more than a page.
  busyRunId: "run_e2e_fh_busy",
  // Rows removed by retention (it logged 40 days ago; nothing is left).
  retainedRunId: "run_e2e_fh_retained",
  // Never logged anything.
  silentRunId: "run_e2e_fh_silent",
  // Running, but nothing logged for two hours.
  idleRunId: "run_e2e_fh_idle",
  // A trace whose errors come from two projects.
  crossTraceId: "4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d",
  otherProject: { id: "proj_e2e_fh_other", name: "E2E Other Team" },
  // A project an admin renames.
  renameProject: { id: "proj_e2e_fh_rename", name: "E2E Before Rename" },
} as const;

export async function loadFirstHourFixtures(db: Database, now: number): Promise<void> {
  const projectId = E2E.project.id;
  await db.prisma.project.createMany({ data: [FH.otherProject, FH.renameProject] });
  await db.prisma.run.createMany({
    data: [
      { id: FH.busyRunId, projectId, name: "e2e busy run", status: "running", startedAt: new Date(now - 5 * MINUTE), lastRowAt: new Date(now) },
      { id: FH.retainedRunId, projectId, name: "e2e retained run", status: "succeeded", startedAt: new Date(now - 41 * DAY), finishedAt: new Date(now - 40 * DAY), lastRowAt: new Date(now - 40 * DAY) },
      { id: FH.silentRunId, projectId, name: "e2e silent run", status: "running", startedAt: new Date(now - MINUTE) },
      { id: FH.idleRunId, projectId, name: "e2e idle run", status: "running", startedAt: new Date(now - 3 * 60 * MINUTE), lastRowAt: new Date(now - 2 * 60 * MINUTE) },
    ],
  });
  await db.prisma.eventLog.createMany({
    data: Array.from({ length: 150 }, (_, i) => ({
      id: `ev_e2e_fh_busy_${String(i).padStart(3, "0")}`,
      eventType: "SIM_STEP",
      payload: { step: i },
      projectId,
      runId: FH.busyRunId,
      createdAt: new Date(now - 5 * MINUTE + i * 2_000),
    })),
  });
  await db.prisma.eventLog.create({ data: { id: "ev_e2e_fh_idle", eventType: "SIM_STARTED", projectId, runId: FH.idleRunId, createdAt: new Date(now - 2 * 60 * MINUTE) } });
  await db.prisma.errorLog.createMany({
    data: [
      { id: "err_e2e_fh_cross_1", traceId: FH.crossTraceId, errorType: "API_ERROR", message: "Upstream failed", projectId, createdAt: new Date(now - 10 * MINUTE) },
      { id: "err_e2e_fh_cross_2", traceId: FH.crossTraceId, errorType: "ENGINE_ERROR", message: "Joined from another project", projectId: FH.otherProject.id, createdAt: new Date(now - 10 * MINUTE + 500) },
    ],
  });
}
