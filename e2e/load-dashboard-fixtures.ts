// The dashboard journeys' rows (names in E2E.dashboard and E2E.hostileText): loaded by
// e2e/load-fixtures.ts.
import type { Database } from "@/lib/db/client";
import { E2E } from "./fixtures";

const D = E2E.dashboard;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Everything a log line could try: markup, script, event handlers, javascript:/data: links.
export const HOSTILE = {
  html: '<img src=x onerror="window.__xss=1">',
  script: "<script>window.__xss=2</script>",
  link: "javascript:window.__xss=3",
  data: "data:text/html,<script>window.__xss=5</script>",
  docs: "https://example.com/docs?q=1",
};

export async function loadDashboardFixtures(db: Database, now: number): Promise<void> {
  const start = now - 3 * HOUR;
  await db.prisma.run.create({ data: { id: D.runId, projectId: E2E.project.id, name: D.runName, status: "running", startedAt: new Date(start) } });
  const events = Array.from({ length: D.eventCount }, (_, i) => {
    // Three events share each timestamp; a 20-minute silence after event 100.
    const at = start + Math.floor(i / 3) * 30_000 + (i > 100 ? 20 * MINUTE : 0);
    const id = i === 20 ? D.targetEventId : i === 140 ? D.hostileEventId : `ev_e2e_${String(i).padStart(3, "0")}`;
    const user = i % 10 === 5;
    return {
      id,
      eventType: i === 0 ? "SIM_STARTED" : user ? "PARAMS_UPDATED" : "SIM_STEP",
      payload: i === 140 ? HOSTILE : user ? { field: "rainfall", value: i } : { step: i },
      projectId: E2E.project.id,
      runId: D.runId,
      userId: user ? "usr_e2e" : null,
      actorType: user ? "user" : "system",
      actorId: user ? "usr_e2e" : "engine",
      createdAt: new Date(at),
    };
  });
  await db.prisma.eventLog.createMany({ data: events });
  await db.prisma.run.create({ data: { id: D.liveRunId, projectId: E2E.project.id, name: "e2e live run", status: "running", startedAt: new Date(now - 10 * MINUTE) } });
  await db.prisma.eventLog.create({ data: { id: "ev_e2e_live_start", eventType: "SIM_STARTED", projectId: E2E.project.id, runId: D.liveRunId, createdAt: new Date(now - 10 * MINUTE) } });
  await db.prisma.run.create({ data: { id: D.lateRunId, projectId: E2E.project.id, name: "e2e late delivery run", status: "running", startedAt: new Date(now - 10 * MINUTE) } });
  // Among events 101–128, so the trace page has events before and after its errors.
  const traceAt = start + 40 * MINUTE;
  await db.prisma.errorLog.createMany({
    data: [
      { id: "err_e2e_trace_1", traceId: D.traceId, errorType: "ENGINE_ERROR", message: "Solver diverged at step 120", severity: "critical", stack: "Error: Solver diverged\n    at step (engine/solver.ts:42:7)\n    at run (engine/loop.ts:10:3)", detail: { step: 120, tolerance: 1e-6 }, projectId: E2E.project.id, runId: D.runId, createdAt: new Date(traceAt) },
      { id: "err_e2e_trace_2", traceId: D.traceId, errorType: "API_ERROR", message: HOSTILE.script + " see https://status.example.com/incident", severity: "error", endpoint: "/api/engine/step", detail: HOSTILE, projectId: E2E.project.id, runId: D.runId, createdAt: new Date(traceAt + 1_000) },
      { id: "err_e2e_trace_3", traceId: D.traceId, errorType: "API_ERROR", message: "Retry failed", severity: "warning", projectId: E2E.project.id, runId: D.runId, createdAt: new Date(traceAt + 2_000) },
      { id: D.error23hId, traceId: "0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", errorType: "QUOTA_ERROR", message: "E2E error from 23 hours ago", severity: "error", projectId: E2E.project.id, createdAt: new Date(now - 23 * HOUR) },
      { id: D.error25hId, traceId: "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", errorType: "QUOTA_ERROR", message: "E2E error from 25 hours ago", severity: "error", projectId: E2E.project.id, createdAt: new Date(now - 25 * HOUR) },
      // One group of two (an error and a warning), outside any run.
      ...D.group.messages.map((message, i) => ({
        id: `err_e2e_group_${i + 1}`,
        traceId: `2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6${i}`,
        errorType: D.group.errorType,
        message,
        severity: i === 0 ? "error" : "warning",
        projectId: E2E.project.id,
        createdAt: new Date(now - (2 + 3 * i) * HOUR),
      })),
    ],
  });
}

/** E2E.hostileText: a project and run whose log text is made to reorder or widen a page. */
export async function loadHostileTextFixtures(db: Database, now: number): Promise<void> {
  const T = E2E.hostileText;
  const at = now - 30 * MINUTE;
  await db.prisma.project.create({ data: { id: T.projectId, name: T.projectName } });
  await db.prisma.run.create({ data: { id: T.runId, projectId: T.projectId, name: T.runName, status: "failed", startedAt: new Date(at), finishedAt: new Date(at + 10_000) } });
  const common = { projectId: T.projectId, runId: T.runId };
  await db.prisma.eventLog.createMany({
    data: [
      { id: "ev_e2e_bidi", eventType: T.bidiType, payload: { file: T.bidiType }, actorType: "user", actorId: "usr_e2e", ...common, createdAt: new Date(at) },
      { id: `ev_e2e_long_${"i".repeat(116)}`, eventType: T.longType, payload: { blob: T.longMessage }, ...common, createdAt: new Date(at + 1_000) },
    ],
  });
  await db.prisma.errorLog.createMany({
    data: [
      { id: "err_e2e_bidi", traceId: T.traceId, errorType: T.bidiType, message: `Refused ${T.bidiType}`, severity: "error", endpoint: `/upload/${T.bidiType}`, ...common, createdAt: new Date(at + 2_000) },
      { id: "err_e2e_long", traceId: T.traceId, errorType: T.longType, message: T.longMessage, severity: "warning", endpoint: T.longEndpoint, stack: T.longMessage, ...common, createdAt: new Date(at + 3_000) },
    ],
  });
}
