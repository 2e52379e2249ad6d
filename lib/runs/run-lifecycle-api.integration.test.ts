// Runs and projects through the ingestion API (#12.6), as a client sees it: PATCH
// /api/runs/:runId and /api/projects/:projectId with real Requests against the real
// engines, and a run's end inferred from its terminal events on POST /api/events.
process.env.INGEST_KEYS = "test-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";
// A platform's own terminal type on top of the defaults'.
process.env.RUN_SUCCEEDED_EVENT_TYPES = "RUN_SAVED,SIM_COMPLETED,PIPELINE_DONE";

import { beforeEach, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { PATCH as patchProject } from "@/app/api/projects/[projectId]/route";
import { GET as getRunRoute, PATCH as patchRun } from "@/app/api/runs/[runId]/route";
import { prisma } from "@/lib/db/client";
import { clearIngestKeyCache } from "@/lib/ingest-keys/authenticate-ingest-key";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";

const BOUND_KEY = "ld_lifecycle_bound_secret";

function patch(path: string, body: unknown, key: string | null = "test-key", raw?: string) {
  return new Request(`http://localhost/api/${path}`, {
    method: "PATCH",
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
}
async function send(kind: "runs" | "projects", id: string, body: unknown, key?: string | null, raw?: string) {
  const request = patch(`${kind}/${encodeURIComponent(id)}`, body, key, raw);
  const response = kind === "runs" ? await patchRun(request, { params: Promise.resolve({ runId: id }) }) : await patchProject(request, { params: Promise.resolve({ projectId: id }) });
  return { status: response.status, json: await response.json() };
}
async function postEvent(body: unknown, key = "test-key") {
  const response = await postEvents(ingestRequest("events", body, { key }));
  expect(response.status, await response.clone().text()).toBe(201);
}
const run = (id: string) => prisma().run.findUniqueOrThrow({ where: { id } });

beforeEach(async () => {
  clearIngestKeyCache();
  await truncateAll();
  await prisma().project.create({ data: { id: "p_bound", name: "p_bound" } });
  await prisma().ingestKey.create({ data: { id: "key_lifecycle", name: "k", prefix: "ld_lifecycle", hash: hashIngestKey(BOUND_KEY), projectId: "p_bound" } });
});

describe("PATCH /api/runs/:runId", () => {
  it("creates a named run, then ends it; an ending status without endedAt ends it now", async () => {
    const created = await send("runs", "run_api", { name: "Nightly import", status: "started", startedAt: "2026-12-01T10:00:00Z", projectId: "p_api" });
    expect(created).toEqual({ status: 200, json: { run: { id: "run_api", projectId: "p_api", name: "Nightly import", status: "running", startedAt: "2026-12-01T10:00:00+00:00", endedAt: null } } });
    expect(await prisma().project.findUnique({ where: { id: "p_api" } })).toMatchObject({ name: "p_api" });
    const before = Date.now();
    const ended = await send("runs", "run_api", { status: "succeeded" });
    expect(ended.status).toBe(200);
    expect(ended.json.run).toMatchObject({ name: "Nightly import", status: "succeeded" });
    expect(Date.parse(ended.json.run.endedAt)).toBeGreaterThanOrEqual(before - 5);
    // Cancelled at a given time; then started again (a retry of the same run): the end goes.
    expect((await send("runs", "run_api", { status: "cancelled", endedAt: "2026-12-01T11:30:00Z" })).json.run).toMatchObject({ status: "cancelled", endedAt: "2026-12-01T11:30:00+00:00" });
    expect((await send("runs", "run_api", { status: "started" })).json.run).toMatchObject({ status: "running", endedAt: null, startedAt: "2026-12-01T10:00:00+00:00" });
    expect((await send("runs", "run_api", { status: "failed", endedAt: "2026-12-01T12:00:00.250Z" })).json.run).toMatchObject({ status: "failed", endedAt: "2026-12-01T12:00:00.25+00:00" });
    expect(await run("run_api")).toMatchObject({ status: "failed", finishedAt: new Date("2026-12-01T12:00:00.250Z"), name: "Nightly import" });
  });

  it("refuses what it cannot apply with a 4xx that says what to fix, changing nothing", async () => {
    await send("runs", "run_x", { name: "x", projectId: "p_x" });
    const cases: Array<[unknown, number, RegExp]> = [
      [{}, 400, /names nothing to change/],
      [{ status: "done" }, 400, /^body\.status must be one of "started", "succeeded", "failed", "cancelled"$/],
      [{ Status: "failed" }, 400, /Status is not a known field/],
      [{ status: "started", endedAt: "2026-12-01T10:00:00Z" }, 400, /endedAt goes with a status that ends the run/],
      [{ status: "failed", startedAt: "2026-12-01T10:00:00Z", endedAt: "2026-12-01T09:00:00Z" }, 400, /endedAt is before startedAt/],
      [{ endedAt: "yesterday", status: "failed" }, 400, /endedAt must be an ISO-8601 timestamp/],
      [{ name: "n".repeat(1_025) }, 413, /INGEST_MAX_STRING_LENGTH/],
      [{ projectId: "p_other" }, 409, /belongs to project "p_x"/],
    ];
    for (const [body, status, message] of cases) {
      const res = await send("runs", "run_x", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await send("runs", "run_x", { status: "failed" }, null)).status).toBe(401);
    expect((await send("runs", "run_x", null, "test-key", "{not json")).status).toBe(400);
    expect((await send("runs", "bad\u200bid", { status: "failed" })).json.error.message).toMatch(/^runId contains U\+200B/);
    expect(await run("run_x")).toMatchObject({ name: "x", status: "running", projectId: "p_x", finishedAt: null });
    // Against what is stored: an end before the run's start, a start after its end, a time
    // further ahead than createdAt may be — each refused, nothing changed.
    const started = (await run("run_x"))!.startedAt;
    const before = new Date(started.getTime() - 60_000).toISOString();
    const endBefore = await send("runs", "run_x", { status: "succeeded", endedAt: before });
    expect(endBefore.status).toBe(400);
    expect(endBefore.json.error.message).toMatch(/^endedAt is before the run's startedAt \(.+\)\. Nothing was changed\.$/);
    expect(await run("run_x")).toMatchObject({ status: "running", finishedAt: null, startedAt: started });
    const ended = new Date(started.getTime() + 60_000);
    expect((await send("runs", "run_x", { status: "succeeded", endedAt: ended.toISOString() })).status).toBe(200);
    const startAfter = await send("runs", "run_x", { startedAt: new Date(ended.getTime() + 60_000).toISOString() });
    expect(startAfter.status).toBe(400);
    expect(startAfter.json.error.message).toMatch(/^startedAt is after the run's endedAt/);
    const ahead = await send("runs", "run_x", { startedAt: "2099-01-01T00:00:00Z" });
    expect(ahead.status).toBe(400);
    expect(ahead.json.error.message).toMatch(/startedAt is more than \d+ seconds in the future \(INGEST_MAX_FUTURE_SECONDS\)/);
    expect(await run("run_x")).toMatchObject({ status: "succeeded", finishedAt: ended, startedAt: started });
    // Another method: 405 naming PATCH.
    const get = await getRunRoute(new Request("http://localhost/api/runs/run_x"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("PATCH, OPTIONS");
  });

  it("lets a bound key touch only its project's runs", async () => {
    await send("runs", "run_foreign", { name: "theirs", projectId: "p_other" });
    const foreign = await send("runs", "run_foreign", { status: "cancelled" }, BOUND_KEY);
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.message).toBe('This ingest key may only write project "p_bound"; run "run_foreign" is a run of another project. Nothing was changed.');
    expect(await run("run_foreign")).toMatchObject({ status: "running", name: "theirs" });
    expect((await send("runs", "run_new", { projectId: "p_other" }, BOUND_KEY)).status).toBe(403);
    expect(await prisma().run.findUnique({ where: { id: "run_new" } })).toBeNull();
    // Its own: created in its project without naming it.
    const own = await send("runs", "run_mine", { name: "mine", status: "succeeded", endedAt: "2026-12-02T00:00:00Z" }, BOUND_KEY);
    expect(own.json.run).toMatchObject({ projectId: "p_bound", status: "succeeded" });
  });
});

describe("PATCH /api/projects/:projectId", () => {
  it("names a project (creating it when new); a bound key names only its own", async () => {
    expect(await send("projects", "p_bound", { name: "Billing pipeline" }, BOUND_KEY)).toEqual({ status: 200, json: { project: { id: "p_bound", name: "Billing pipeline" } } });
    expect(await send("projects", "p_fresh", { name: "Fresh" })).toEqual({ status: 200, json: { project: { id: "p_fresh", name: "Fresh" } } });
    const foreign = await send("projects", "p_fresh", { name: "Hijacked" }, BOUND_KEY);
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.message).toBe('This ingest key may only write project "p_bound", not "p_fresh".');
    expect((await send("projects", "p_fresh", { name: "   " })).json.error.message).toBe("body.name must not be blank");
    expect((await send("projects", "p_fresh", { name: "x", extra: 1 })).status).toBe(400);
    expect(await prisma().project.findUnique({ where: { id: "p_fresh" } })).toMatchObject({ name: "Fresh" });
  });
});

describe("a run's end inferred from its events, and when it last logged", () => {
  it("ends a running run at its first terminal event, by the configured types", async () => {
    await postEvent({ events: [
      { eventType: "SIM_STARTED", runId: "r_ok", projectId: "p1", createdAt: "2026-12-01T10:00:00Z" },
      { eventType: "SIM_COMPLETED", runId: "r_ok", projectId: "p1", createdAt: "2026-12-01T10:05:30.500Z" },
      { eventType: "SIM_FAILED", runId: "r_bad", projectId: "p1", createdAt: "2026-12-01T10:07:00Z" },
      { eventType: "PIPELINE_DONE", runId: "r_custom", projectId: "p1", createdAt: "2026-12-01T10:08:00Z" },
      { eventType: "SIM_STEP", runId: "r_open", projectId: "p1", createdAt: "2026-12-01T10:09:59.999Z" },
    ] });
    expect(await run("r_ok")).toMatchObject({ status: "succeeded", finishedAt: new Date("2026-12-01T10:05:30.500Z") });
    expect(await run("r_bad")).toMatchObject({ status: "failed", finishedAt: new Date("2026-12-01T10:07:00Z") });
    expect(await run("r_custom")).toMatchObject({ status: "succeeded" });
    expect(await run("r_open")).toMatchObject({ status: "running", finishedAt: null, lastRowAt: new Date("2026-12-01T10:09:00Z") });
    // Later rows move the last-logged time on, never back; a later terminal event changes no end.
    await postEvent({ eventType: "RUN_SAVED", runId: "r_ok", projectId: "p1", createdAt: "2026-12-01T10:20:00Z" });
    await postEvent({ eventType: "SIM_STEP", runId: "r_open", projectId: "p1", createdAt: "2026-12-01T10:01:00Z" });
    expect(await run("r_ok")).toMatchObject({ status: "succeeded", finishedAt: new Date("2026-12-01T10:05:30.500Z"), lastRowAt: new Date("2026-12-01T10:20:00Z") });
    expect((await run("r_open")).lastRowAt).toEqual(new Date("2026-12-01T10:09:00Z"));
    expect((await prisma().project.findUniqueOrThrow({ where: { id: "p1" } })).lastRowAt).toEqual(new Date("2026-12-01T10:20:00Z"));
  });

  it("keeps the status a client set: a cancelled run stays cancelled after a terminal event", async () => {
    await send("runs", "r_cancelled", { status: "cancelled", endedAt: "2026-12-01T10:00:00Z", projectId: "p1" });
    await postEvent({ eventType: "SIM_FAILED", runId: "r_cancelled", projectId: "p1", createdAt: "2026-12-01T10:00:05Z" });
    expect(await run("r_cancelled")).toMatchObject({ status: "cancelled", finishedAt: new Date("2026-12-01T10:00:00Z") });
  });

  it("records nothing from a batch that was refused", async () => {
    await send("runs", "r_theirs", { projectId: "p_other" });
    const response = await postEvents(ingestRequest("events", { eventType: "SIM_FAILED", runId: "r_theirs" }, { key: BOUND_KEY }));
    expect(response.status).toBe(403);
    expect(await run("r_theirs")).toMatchObject({ status: "running", lastRowAt: null });
  });
});
