// `npm run demo`'s live platform: simulation runs that start one after another, log their
// steps, now and then an error, and end — saved, completed, failed or cancelled — sent
// through the real ingestion API with lib/client (the Event Bus and the ErrorService),
// and PATCH /api/runs/:id for names and cancellations, as a real client would.
import { createErrorService, createEventBus, sendJsonWithRetry, type ErrorService, type EventBus } from "@/lib/client";

export interface PlatformSimulatorOptions {
  baseUrl: string;
  ingestKey: string;
  /** For tests: a fetch answered in-process. */
  fetch?: typeof fetch;
  /** Numbers in [0, 1); default Math.random. A seeded one makes a test repeatable. */
  random?: () => number;
  /** How many runs go at once, at most; default 3. */
  maxRunning?: number;
  onDeliveryFailure?: (error: unknown) => void;
}

export interface PlatformSimulator {
  /** One step of the platform: runs start, advance or end. Resolves once what it sent was stored. */
  tick(): Promise<void>;
  /** Sends whatever is still queued. */
  stop(): Promise<void>;
}

interface LiveRun {
  id: string;
  projectId: string;
  step: number;
  steps: number;
  owner: string;
}

// The demo seed's projects, so the live runs show up beside the history.
const PROJECTS = ["proj_atlas", "proj_borealis", "proj_cobalt", "proj_delta", "proj_ember"];
const MODELS = ["hydro-v3", "grid-flow", "agent-based", "monte-carlo", "cellular"];
const USERS = ["usr_ada", "usr_grace", "usr_linus", "usr_margaret"];

export function createPlatformSimulator(options: PlatformSimulatorOptions): PlatformSimulator {
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const maxRunning = options.maxRunning ?? 3;
  const transport = { fetch: options.fetch, maxRetries: 3 };
  const failed = options.onDeliveryFailure ?? ((error: unknown) => console.warn("logdeck demo: a delivery failed", error));
  // One Event Bus and ErrorService per project, as each app of a platform would have.
  const clients = new Map<string, { bus: EventBus; errors: ErrorService }>();
  const clientFor = (projectId: string) => {
    let client = clients.get(projectId);
    if (!client) {
      const common = { baseUrl: options.baseUrl, ingestKey: options.ingestKey, projectId, ...transport };
      client = { bus: createEventBus({ ...common, flushIntervalMs: 0, onDeliveryFailure: failed }), errors: createErrorService({ ...common, onDeliveryFailure: failed }) };
      clients.set(projectId, client);
    }
    return client;
  };
  const running: LiveRun[] = [];
  const pending: Promise<unknown>[] = [];
  let started = 0;

  // A run's state is idempotent: retried on 429/503 like the Event Bus's batches.
  const patchRun = (run: LiveRun, body: Record<string, unknown>) =>
    sendJsonWithRetry("PATCH", `${options.baseUrl.replace(/\/$/, "")}/api/runs/${encodeURIComponent(run.id)}`, options.ingestKey, JSON.stringify(body), transport).then(
      () => undefined,
      (error: Error) => failed(new Error(`PATCH /api/runs/${run.id}: ${error.message}`)),
    );

  function start(): void {
    started++;
    const model = pick(MODELS);
    const run: LiveRun = { id: `live_${Date.now().toString(36)}_${int(0, 46_655).toString(36)}`, projectId: pick(PROJECTS), step: 0, steps: int(15, 60), owner: pick(USERS) };
    running.push(run);
    pending.push(patchRun(run, { name: `${model} live #${started}`, status: "started", projectId: run.projectId }));
    clientFor(run.projectId).bus.emit({
      eventType: "SIM_STARTED",
      runId: run.id,
      actorType: "user",
      actorId: run.owner,
      userId: run.owner,
      payload: { model, params: { horizonDays: int(1, 365), resolution: pick(["1km", "250m", "50m"]) } },
    });
  }

  function advance(run: LiveRun): boolean {
    const { bus, errors } = clientFor(run.projectId);
    run.step++;
    if (run.step < run.steps) {
      if (random() < 0.08) {
        const user = pick(USERS);
        bus.emit({ eventType: pick(["PARAMS_UPDATED", "CHECKPOINT_REQUESTED"]), runId: run.id, actorType: "user", actorId: user, userId: user, payload: { field: pick(["rainfall", "damping", "capacity"]), value: Number((random() * 100).toFixed(2)) } });
      } else {
        bus.emit({ eventType: "SIM_STEP", runId: run.id, actorId: "engine", payload: { step: run.step, durationMs: int(5, 2_000), residual: Number((random() / run.step).toExponential(3)) } });
      }
      if (random() < 0.04) pending.push(errors.report({ errorType: "API_ERROR", message: `Request to /api/engine/step timed out after 30000 ms`, severity: "warning", runId: run.id, endpoint: "/api/engine/step", detail: { attempt: int(1, 3) } }).delivered);
      return false;
    }
    // The end: a terminal event (the server ends the run from it), or a cancellation.
    const ending = random();
    if (ending < 0.15) {
      bus.emit({ eventType: "SIM_FAILED", runId: run.id, actorId: "engine", payload: { step: run.step, reason: pick(["diverged", "out of memory", "timeout"]) } });
      // One failure, two rows under one traceId: the engine, then the API that relayed it.
      const traceId = crypto.randomUUID();
      pending.push(errors.report({ traceId, errorType: "ENGINE_ERROR", message: `Solver diverged at step ${run.step}: residual exceeded tolerance`, severity: "critical", runId: run.id, detail: { step: run.step } }).delivered);
      pending.push(errors.report({ traceId, errorType: "API_ERROR", message: "POST /api/engine/step failed with 500", severity: "error", runId: run.id, endpoint: "/api/engine/step", detail: { status: 500 } }).delivered);
    } else if (ending < 0.22) {
      bus.emit({ eventType: "SIM_CANCEL_REQUESTED", runId: run.id, actorType: "user", actorId: run.owner, userId: run.owner });
      pending.push(patchRun(run, { status: "cancelled" }));
    } else {
      bus.emit({ eventType: ending < 0.6 ? "RUN_SAVED" : "SIM_COMPLETED", runId: run.id, actorId: "engine", payload: { version: int(1, 40), bytes: int(10_000, 90_000_000) } });
    }
    return true;
  }

  return {
    async tick() {
      // Staggered: a new run now and then, never more than maxRunning at once.
      if (running.length === 0 || (running.length < maxRunning && random() < 0.25)) start();
      for (const run of [...running]) if (advance(run)) running.splice(running.indexOf(run), 1);
      await Promise.all([...clients.values()].map(({ bus }) => bus.flush()));
      await Promise.all(pending.splice(0));
    },
    async stop() {
      await Promise.all([...clients.values()].map(({ bus }) => bus.close()));
      await Promise.all(pending.splice(0));
    },
  };
}
