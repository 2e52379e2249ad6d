// The go-to box and the trace page's query against the real engines.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { findTrace } from "@/lib/traces/find-trace";
import { resolveLookup } from "./resolve-lookup";

const TRACE = "3f2a9c1e-7b4d-4e8a-9f10-0a1b2c3d4e5f";
const T0 = Date.UTC(2025, 0, 1, 12);

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.create({ data: { id: "Run_Mixed_Case", projectId: "p1", name: "mixed", startedAt: new Date(T0) } });
  // Ids ingestion accepts that the box's tidying would spoil: a trailing dot, an inner space.
  await prisma().run.createMany({ data: [{ id: "run.", projectId: "p1" }, { id: "nightly run 7", projectId: "p1" }] });
  await prisma().eventLog.createMany({
    data: [
      { id: "ev_far_before", eventType: "SIM_STARTED", runId: "Run_Mixed_Case", createdAt: new Date(T0 - 10 * 60_000) },
      { id: "ev_before", eventType: "SIM_STEP", runId: "Run_Mixed_Case", createdAt: new Date(T0 - 4 * 60_000) },
      { id: "ev_after", eventType: "SIM_STEP", runId: "Run_Mixed_Case", createdAt: new Date(T0 + 90_000) },
      { id: "ev_far_after", eventType: "SIM_FAILED", runId: "Run_Mixed_Case", createdAt: new Date(T0 + 3 * 60_000) },
    ],
  });
  await prisma().errorLog.createMany({
    data: [
      { id: "err_engine", traceId: TRACE, errorType: "ENGINE_ERROR", message: "diverged", severity: "critical", runId: "Run_Mixed_Case", projectId: "p1", createdAt: new Date(T0), stack: "Error: diverged\n  at step (solver.ts:1:1)", detail: { step: 4 } },
      { id: "err_api", traceId: TRACE, errorType: "API_ERROR", message: "500", runId: "Run_Mixed_Case", projectId: "p1", endpoint: "/api/engine/step", createdAt: new Date(T0 + 30_000) },
      { id: "err_upper", traceId: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", errorType: "API_ERROR", message: "stored upper case", createdAt: new Date(T0) },
    ],
  });
});

describe("resolveLookup", () => {
  it("takes a messy traceId to its trace", async () => {
    for (const query of [`  {${TRACE.toUpperCase()}}  `, `"${TRACE}"`, `'${TRACE.replace(/-/g, "")}'`]) {
      expect(await resolveLookup({ query })).toEqual({ found: true, kind: "trace", href: `/traces/${TRACE}` });
    }
    expect(await resolveLookup({ query: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" })).toMatchObject({ found: true, kind: "trace" });
  });

  it("takes a runId, an event id and an error id to where they are", async () => {
    expect(await resolveLookup({ query: " Run_Mixed_Case\n" })).toEqual({ found: true, kind: "run", href: "/runs/Run_Mixed_Case" });
    expect(await resolveLookup({ query: '"ev_before"' })).toEqual({ found: true, kind: "event", href: "/runs/Run_Mixed_Case?at=ev_before#row-ev_before" });
    expect(await resolveLookup({ query: "err_api" })).toEqual({ found: true, kind: "error", href: `/traces/${TRACE}#error-err_api` });
  });

  it("finds what support pastes: a toast's reference, a urn, smart quotes, a link to this dashboard", async () => {
    const trace = { found: true, kind: "trace", href: `/traces/${TRACE}` };
    for (const query of [`Reference: ${TRACE}`, `Something went wrong. Reference: ${TRACE}`, `urn:uuid:${TRACE}`, `“${TRACE.toUpperCase()}”`, `http://localhost:3700/traces/${TRACE}`, `https://logs.example.com/traces/{${TRACE}}`]) {
      expect(await resolveLookup({ query }), query).toEqual(trace);
    }
    const run = { found: true, kind: "run", href: "/runs/Run_Mixed_Case" };
    for (const query of ["“Run_Mixed_Case”", "http://localhost:3700/runs/Run_Mixed_Case", "https://logs.example.com/runs/Run_Mixed_Case?order=asc#top"]) {
      expect(await resolveLookup({ query }), query).toEqual(run);
    }
  });

  it("reads pasted JSON and query strings, compact or not", async () => {
    const trace = { found: true, kind: "trace", href: `/traces/${TRACE}` };
    for (const query of [`{"traceId":"${TRACE}"}`, `"traceId":"${TRACE}"`, `traceId=${TRACE}&x=1`, `{"message":"boom","traceId":"${TRACE}","status":500}`]) {
      expect(await resolveLookup({ query }), query).toEqual(trace);
    }
    expect(await resolveLookup({ query: '{"runId":"Run_Mixed_Case","x":1}' })).toEqual({ found: true, kind: "run", href: "/runs/Run_Mixed_Case" });
    expect(await resolveLookup({ query: "run_id=Run_Mixed_Case&order=asc" })).toEqual({ found: true, kind: "run", href: "/runs/Run_Mixed_Case" });
  });

  it("keeps the row of a pasted permalink", async () => {
    expect(await resolveLookup({ query: "http://localhost:3401/runs/Run_Mixed_Case?at=ev_before#row-ev_before" })).toEqual({
      found: true,
      kind: "run",
      href: "/runs/Run_Mixed_Case?at=ev_before#row-ev_before",
    });
  });

  it("finds ids that end in a dot or hold a space, as typed", async () => {
    expect(await resolveLookup({ query: "run." })).toEqual({ found: true, kind: "run", href: "/runs/run." });
    expect(await resolveLookup({ query: " nightly run 7 " })).toEqual({ found: true, kind: "run", href: "/runs/nightly%20run%207" });
  });

  it("says an over-long query is too long instead of cutting it", async () => {
    expect(await resolveLookup({ query: `${TRACE} ${"x".repeat(2_000)}` })).toEqual({ found: false, id: null, tooLong: true });
    expect(await resolveLookup({ query: `${"x ".repeat(900)}${TRACE}` })).toMatchObject({ found: true, kind: "trace" });
  });

  it("says when nothing matches", async () => {
    expect(await resolveLookup({ query: "nope_123" })).toEqual({ found: false, id: "nope_123" });
    expect(await resolveLookup({ query: "   " })).toEqual({ found: false, id: null });
  });
});

describe("findTrace", () => {
  it("gives every error of the trace and its run, with the run's first error of the trace", async () => {
    const trace = await findTrace({ traceId: TRACE.toUpperCase() });
    expect(trace?.errors.map((e) => e.id)).toEqual(["err_engine", "err_api"]);
    expect(trace?.errors[0]).toMatchObject({ stack: "Error: diverged\n  at step (solver.ts:1:1)", detailJson: '{"step": 4}', severity: "critical" });
    expect(trace?.runs).toHaveLength(1);
    expect(trace?.runs[0]?.runName).toBe("mixed");
    expect(trace?.runs[0]?.firstError).toEqual({ id: "err_engine", createdAt: new Date(T0) });
  });

  it("finds a traceId stored in upper case, and nothing for an unknown one", async () => {
    expect((await findTrace({ traceId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" }))?.errors).toHaveLength(1);
    expect(await findTrace({ traceId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });
});

// Issue #11.10: an id that names several rows (an unbound key may give an event another
// project's error id) offers them all, each with its project, instead of the first.
describe("resolveLookup with an id that names several things", () => {
  it("offers each of them, in the order trace, run, event, error, with its project", async () => {
    await prisma().project.create({ data: { id: "p_other", name: "Other" } });
    await prisma().run.create({ data: { id: "r_other", projectId: "p_other" } });
    await prisma().eventLog.create({ data: { id: "shared_id", eventType: "X", runId: "r_other", projectId: "p_other", createdAt: new Date(T0) } });
    await prisma().errorLog.create({ data: { id: "shared_id", traceId: TRACE, errorType: "E", message: "m", projectId: "p1", createdAt: new Date(T0 + 7 * 86_400_000) } });
    expect(await resolveLookup({ query: "shared_id" })).toEqual({
      found: "several",
      id: "shared_id",
      matches: [
        { kind: "event", id: "shared_id", projectId: "p_other", href: "/runs/r_other?at=shared_id#row-shared_id" },
        { kind: "error", id: "shared_id", projectId: "p1", href: `/traces/${TRACE}#error-shared_id` },
      ],
    });
  });

  it("offers a run and an event that share an id", async () => {
    await prisma().run.create({ data: { id: "ev_after_run", projectId: "p1" } });
    await prisma().eventLog.create({ data: { id: "ev_after_run", eventType: "X", runId: "Run_Mixed_Case", projectId: "p1", createdAt: new Date(T0) } });
    const result = await resolveLookup({ query: "ev_after_run" });
    expect(result).toMatchObject({ found: "several" });
    expect(result.found === "several" && result.matches.map((match) => match.kind)).toEqual(["run", "event"]);
  });
});
