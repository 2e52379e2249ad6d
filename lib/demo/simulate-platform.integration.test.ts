// The live demo's platform (#12.5) against the real route handlers and database: what it
// sends through lib/client is stored, its runs start one after another, log, and end —
// from their terminal events (succeeded, failed) or a PATCH (cancelled).
process.env.INGEST_KEYS = "demo-platform-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { beforeAll, describe, expect, it } from "vitest";
import { POST as postErrors } from "@/app/api/errors/route";
import { POST as postEvents } from "@/app/api/events/route";
import { PATCH as patchRun } from "@/app/api/runs/[runId]/route";
import { prisma } from "@/lib/db/client";
import { createRandom } from "@/lib/seed/random";
import { truncateAll } from "@/test/truncate";
import { createPlatformSimulator } from "./simulate-platform";

/** fetch, answered by the app's own route handlers in this process. */
const appFetch = (async (url: string | URL | Request, init?: RequestInit) => {
  const request = new Request(url, init);
  const path = new URL(request.url).pathname;
  if (path === "/api/events") return postEvents(request);
  if (path === "/api/errors") return postErrors(request);
  const run = /^\/api\/runs\/([^/]+)$/.exec(path);
  if (run) return patchRun(request, { params: Promise.resolve({ runId: decodeURIComponent(run[1]!) }) });
  return new Response(null, { status: 404 });
}) as typeof fetch;

beforeAll(truncateAll);

describe("the live demo's platform", () => {
  it("starts, logs and ends runs through the ingestion API", async () => {
    const failures: unknown[] = [];
    const simulator = createPlatformSimulator({ baseUrl: "http://localhost", ingestKey: "demo-platform-key", fetch: appFetch, random: createRandom(11).next, onDeliveryFailure: (e) => failures.push(e) });
    let maxRunning = 0;
    for (let i = 0; i < 200; i++) {
      await simulator.tick();
      maxRunning = Math.max(maxRunning, await prisma().run.count({ where: { status: "running" } }));
    }
    await simulator.stop();
    expect(failures).toEqual([]);

    const runs = await prisma().run.findMany({ select: { id: true, name: true, status: true, projectId: true, startedAt: true, finishedAt: true } });
    // Several runs, one after another, named by the client, in the demo's projects.
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(runs.every((run) => /^[a-z-]+(-v3)? live #\d+$/.test(run.name ?? ""))).toBe(true);
    expect(runs.every((run) => run.projectId?.startsWith("proj_"))).toBe(true);
    expect(new Set(runs.map((run) => run.startedAt.getTime())).size).toBe(runs.length);
    expect(maxRunning).toBeLessThanOrEqual(3);
    // Every way a run ends, and every ended run has its end.
    expect(new Set(runs.map((run) => run.status))).toEqual(new Set(["running", "succeeded", "failed", "cancelled"]));
    expect(runs.filter((run) => run.status !== "running" && run.finishedAt === null)).toEqual([]);
    // Each run's events, from SIM_STARTED on; a failed run's two errors share a traceId.
    const events = await prisma().eventLog.groupBy({ by: ["runId"], _count: true });
    expect(events.length).toBe(runs.length);
    const failed = runs.find((run) => run.status === "failed")!;
    const failure = await prisma().errorLog.findMany({ where: { runId: failed.id, severity: { in: ["critical", "error"] } }, select: { traceId: true, errorType: true } });
    expect(failure.map((e) => e.errorType).sort()).toEqual(["API_ERROR", "ENGINE_ERROR"]);
    expect(new Set(failure.map((e) => e.traceId)).size).toBe(1);
    const first = await prisma().eventLog.findFirst({ where: { runId: failed.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { eventType: true } });
    expect(first?.eventType).toBe("SIM_STARTED");
  });
});
