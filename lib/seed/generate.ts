// Realistic demo data: projects, runs that emit the Event Bus's sequences
// (SIM_STARTED, SIM_STEP…, RUN_SAVED or SIM_FAILED) from user and system actors, and
// errors of every type and severity whose traceIds are sometimes shared by several rows
// (one failing request logged by the API and by the engine). Deterministic per seed.
import { newId } from "@/lib/ids";
import { createRandom, type Random } from "./random";

export interface SeedProject {
  id: string;
  name: string;
  createdAt: Date;
}

export interface SeedRun {
  id: string;
  projectId: string;
  name: string;
  status: "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  eventCount: number;
  seed: number;
}

export interface SeedEvent {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  projectId: string;
  runId: string;
  userId: string | null;
  actorType: "user" | "system";
  actorId: string | null;
  createdAt: Date;
}

export interface SeedError {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  stack: string | null;
  detail: Record<string, unknown> | null;
  projectId: string;
  runId: string | null;
  endpoint: string | null;
  severity: "warning" | "error" | "critical";
  createdAt: Date;
}

export interface SeedPlan {
  projects: SeedProject[];
  runs: SeedRun[];
}

const PROJECTS: ReadonlyArray<[string, string]> = [
  ["proj_atlas", "Atlas Flood Model"],
  ["proj_borealis", "Borealis Grid Sim"],
  ["proj_cobalt", "Cobalt Supply Chain"],
  ["proj_delta", "Delta Traffic Forecast"],
  ["proj_ember", "Ember Wildfire Spread"],
];
const USERS = ["usr_ada", "usr_grace", "usr_linus", "usr_margaret", "usr_ken", "usr_barbara"];
const ENDPOINTS = ["/api/runs", "/api/runs/:id/save", "/api/projects/:id/params", "/api/engine/step", "/api/export"];
const MODELS = ["hydro-v3", "grid-flow", "agent-based", "monte-carlo", "cellular"];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The newest runs are still running: their events reach up to a moment ago, none later.
const RUNNING_RUNS = 4;
// The longest a run lasts: 60 events of up to 20 s.
const LONGEST_RUN_MS = 60 * 20_000;

/**
 * Projects and runs for `events` events spread over the `days` days before `now`: one
 * run after another at irregular intervals, every finished run ended before `now`, and
 * the newest few still running (their events so far all in the past). Only epoch
 * milliseconds are used, so the result is the same in every time zone.
 */
export function planSeed({ events, days, now = new Date(), seed = 42 }: { events: number; days: number; now?: Date; seed?: number }): SeedPlan {
  const random = createRandom(seed);
  const nowMs = now.getTime();
  const start = nowMs - days * DAY;
  const projects = PROJECTS.map(([id, name], i) => ({ id, name, createdAt: new Date(start - (i + 1) * DAY) }));
  const runs: SeedRun[] = [];
  let remaining = events;
  for (let index = 0; remaining > 0; index++) {
    const eventCount = Math.min(remaining, random.int(12, 60));
    remaining -= eventCount;
    const runSeed = random.int(1, 2 ** 31);
    runs.push({
      id: `run_${seed.toString(36)}_${(index + 1).toString(36).padStart(5, "0")}`,
      projectId: random.pick(projects).id,
      name: `${random.pick(MODELS)} #${index + 1}`,
      status: "succeeded",
      startedAt: new Date(start),
      finishedAt: null,
      eventCount,
      seed: runSeed,
    });
  }
  const running = Math.min(RUNNING_RUNS, Math.max(1, Math.floor(runs.length / 10)));
  const finished = runs.length - running;
  // Finished runs: one per slot of the window, at a random point of it, ending before
  // the running ones begin (and so before now).
  const lastFinishedEnd = nowMs - 2 * LONGEST_RUN_MS;
  const slot = Math.max(0, lastFinishedEnd - LONGEST_RUN_MS - start) / Math.max(1, finished);
  for (const [i, run] of runs.entries()) {
    const stepMs = stepOf(run);
    const durationMs = run.eventCount * stepMs;
    if (i < finished) {
      run.startedAt = new Date(Math.floor(start + (i + random.next() * 0.9) * slot));
      run.status = random.chance(0.18) ? "failed" : "succeeded";
      run.finishedAt = new Date(run.startedAt.getTime() + durationMs);
    } else {
      // Started so that its events so far end between a few seconds and ~4 minutes ago.
      run.startedAt = new Date(nowMs - durationMs - random.int(2_000, 240_000));
      run.status = "running";
      run.finishedAt = null;
    }
  }
  return { projects, runs };
}

/** The time between two events of a run (the first draw of the run's own generator). */
function stepOf(run: SeedRun): number {
  return createRandom(run.seed).int(200, 20_000);
}

/** The events and errors of one run, in time order. */
export function generateRunLogs(run: SeedRun): { events: SeedEvent[]; errors: SeedError[] } {
  const random = createRandom(run.seed);
  const stepMs = random.int(200, 20_000);
  const owner = random.pick(USERS);
  const events: SeedEvent[] = [];
  const errors: SeedError[] = [];
  const base = run.startedAt.getTime();
  // Event i falls in the i-th step: a finished run's last event is before its end, a
  // running run's before now (planSeed starts it that way).
  const at = (i: number) => new Date(base + i * stepMs + random.int(0, stepMs - 1));
  const ends = run.status !== "running";
  const steps = run.eventCount - (ends ? 2 : 1);
  const common = { projectId: run.projectId, runId: run.id };

  events.push({
    id: "",
    eventType: "SIM_STARTED",
    payload: { model: run.name.split(" ")[0], params: { horizonDays: random.int(1, 365), resolution: random.pick(["1km", "250m", "50m"]), seed: random.int(1, 99999) } },
    ...common,
    userId: owner,
    actorType: "user",
    actorId: owner,
    createdAt: at(0),
  });
  for (let i = 1; i <= steps; i++) {
    const userAction = random.chance(0.08);
    const user = userAction ? random.pick(USERS) : null;
    events.push({
      id: "",
      eventType: userAction ? random.pick(["PARAMS_UPDATED", "SIM_PAUSED", "SIM_RESUMED", "CHECKPOINT_REQUESTED"]) : "SIM_STEP",
      payload: userAction
        ? { field: random.pick(["rainfall", "damping", "capacity", "windSpeed"]), value: Number((random.next() * 100).toFixed(2)) }
        : { step: i, durationMs: random.int(5, stepMs), residual: Number((random.next() / i).toExponential(3)), cells: random.int(1_000, 250_000) },
      ...common,
      userId: user ?? owner,
      actorType: userAction ? "user" : "system",
      actorId: user ?? "engine",
      createdAt: at(i),
    });
    // Sprinkled warnings and API errors along the way.
    if (random.chance(0.03)) errors.push(makeError(random, run, at(i), i));
  }
  if (ends) {
    const failed = run.status === "failed";
    const last = run.eventCount - 1;
    const createdAt = run.finishedAt ?? at(last);
    events.push({
      id: "",
      eventType: failed ? "SIM_FAILED" : "RUN_SAVED",
      payload: failed ? { step: steps, reason: random.pick(["diverged", "out of memory", "timeout", "invalid boundary"]) } : { version: random.int(1, 40), bytes: random.int(10_000, 90_000_000) },
      ...common,
      userId: owner,
      actorType: "system",
      actorId: "engine",
      createdAt,
    });
    if (failed) {
      // One failure, several rows sharing a traceId: the engine, then the API that relayed it.
      const traceId = random.uuid();
      errors.push({
        id: "",
        traceId,
        errorType: "ENGINE_ERROR",
        message: `Solver diverged at step ${steps}: residual exceeded tolerance`,
        stack: engineStack(random),
        detail: { step: steps, tolerance: 1e-6, residual: Number((random.next() * 10).toFixed(4)) },
        ...common,
        endpoint: null,
        severity: "critical",
        createdAt,
      });
      errors.push({
        id: "",
        traceId,
        errorType: "API_ERROR",
        message: "POST /api/engine/step failed with 500",
        stack: apiStack(random),
        detail: { status: 500, requestId: random.uuid() },
        ...common,
        endpoint: "/api/engine/step",
        severity: "error",
        createdAt: new Date(createdAt.getTime() + random.int(1, 900)),
      });
    }
  }
  // Ids last, from each row's own time, so they sort the way cuids do.
  for (const row of events) row.id = newId(row.createdAt.getTime());
  for (const row of errors) row.id = newId(row.createdAt.getTime());
  return { events, errors };
}

function makeError(random: Random, run: SeedRun, createdAt: Date, step: number): SeedError {
  const kind = random.int(0, 3);
  const base = { id: "", traceId: random.uuid(), projectId: run.projectId, runId: run.id, createdAt };
  switch (kind) {
    case 0:
      return { ...base, errorType: "VALIDATION_ERROR", message: `Parameter "damping" out of range: ${(random.next() * 3).toFixed(2)}`, stack: null, detail: { field: "damping", min: 0, max: 1 }, endpoint: "/api/projects/:id/params", severity: "warning" };
    case 1:
      return { ...base, errorType: "API_ERROR", message: `Request to ${random.pick(ENDPOINTS)} timed out after 30000 ms`, stack: apiStack(random), detail: { status: 504, attempt: random.int(1, 3) }, endpoint: random.pick(ENDPOINTS), severity: "error" };
    case 2:
      return { ...base, errorType: "NETWORK_ERROR", message: "Failed to fetch", stack: "TypeError: Failed to fetch\n    at ErrorService.send (errors.ts:42:11)", detail: { online: false }, endpoint: null, severity: "warning" };
    default:
      return { ...base, errorType: "UI_ERROR", message: `Cannot read properties of undefined (reading '${random.pick(["cells", "params", "step"])}')`, stack: uiStack(random), detail: { component: random.pick(["RunChart", "ParamsPanel", "Timeline"]) }, endpoint: null, severity: "error" };
  }
}

function engineStack(random: Random): string {
  return [
    "EngineError: Solver diverged",
    `    at Solver.step (engine/solver.ts:${random.int(100, 400)}:13)`,
    `    at Simulation.advance (engine/simulation.ts:${random.int(50, 200)}:22)`,
    "    at EventBus.dispatch (engine/event-bus.ts:88:9)",
  ].join("\n");
}

function apiStack(random: Random): string {
  return [
    "ApiError: Upstream request failed",
    `    at handler (app/api/engine/step/route.ts:${random.int(10, 80)}:11)`,
    "    at async withProject (lib/api/with-project.ts:31:5)",
  ].join("\n");
}

function uiStack(random: Random): string {
  return [
    "TypeError: Cannot read properties of undefined",
    `    at RunChart (components/run-chart.tsx:${random.int(10, 200)}:17)`,
    "    at renderWithHooks (react-dom.development.js:16305:18)",
  ].join("\n");
}
