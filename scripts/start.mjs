// npm start / npm run demo, in two steps so that the server runs alone:
//   1. scripts/serve.ts (under tsx) checks the configuration, migrates, creates the first
//      admin, loads the demo data, builds when there is no build — and exits, taking the
//      ~300 MB its tooling holds (tsx, Prisma's schema engine, the database client) with it;
//   2. WEB_CONCURRENCY server processes (scripts/server-worker.mjs: Next.js's server behind
//      logdeck's front gate; workers of node:cluster, sharing PORT),
//      with the V8 heap settings below. This process supervises them: it restarts a worker
//      that dies, saying why, and passes SIGINT/SIGTERM on (docs/scaling.md).
// Plain JavaScript, run by node itself: a launcher under tsx would keep two more
// processes (the tsx CLI and esbuild) resident for the server's whole life.
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import path from "node:path";
import { describeExit, workerCount } from "./server-workers.mjs";
// V8 lets a server's heap grow as far as the machine allows before collecting: under the
// ingestion benchmark its RSS climbed to 370–406 MB. A 256 MB old space kept it at or
// below ~255 MB through a soak (192 MB gave the same RSS, with less headroom for a large
// page or export). The young generation gets 32 MB semi-spaces: a batch request's
// garbage (body, parsed items, the statement's JSON) outlives 16 MB ones while the
// database works, and copying it cost ~25% of the server's CPU per event (8 MB cost
// a quarter of the throughput). Also used by `npm run bench:ingest`; each flag
// applies only when NODE_OPTIONS does not set it. See README, "Server memory".
import SERVER_HEAP_FLAGS from "./server-heap-flags.json" with { type: "json" };

/** NODE_OPTIONS for the server: the heap caps, then the caller's own options (which win). */
function serverNodeOptions(nodeOptions = "") {
  const own = SERVER_HEAP_FLAGS.filter((flag) => !nodeOptions.includes(flag.slice(0, flag.indexOf("="))));
  return [...own, nodeOptions].join(" ").trim();
}

// A worker that dies within this long of starting counts as a crash loop: each restart
// then waits twice as long as the last (1 s, 2 s, … up to 30 s), as systemd's and
// Kubernetes' restart back-off do, so a server that cannot start does not spin.
const QUICK_DEATH_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

const prepare = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/serve.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

// serve.ts has checked WEB_CONCURRENCY (lib/env.ts) by now.
const workers = workerCount(process.env);
cluster.setupPrimary({
  // Next.js's server behind logdeck's front gate; it listens on PORT (default 3000, as
  // lib/env.ts's) on every interface.
  exec: path.join("scripts", "server-worker.mjs"),
});
const workerEnv = { NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS) };

// `npm run demo`: a simulated platform sends events through the API while the server
// runs (scripts/demo-platform.ts; DEMO_LIVE=off or --no-live turns it off), and stops with it.
const demoPlatform =
  process.argv.includes("--demo") && !process.argv.includes("--no-live")
    ? spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/demo-platform.ts"], { stdio: "inherit" })
    : null;

let stopping = false;
let backoffMs = 0;
const startedAt = new Map();

function startWorker() {
  const worker = cluster.fork(workerEnv);
  startedAt.set(worker.id, Date.now());
}

cluster.on("exit", (worker, code, signal) => {
  const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
  startedAt.delete(worker.id);
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  backoffMs = lived < QUICK_DEATH_MS ? Math.min(MAX_BACKOFF_MS, Math.max(1_000, backoffMs * 2)) : 0;
  console.error(`logdeck: server worker ${worker.process.pid} ${describeExit(code, signal)} after ${Math.round(lived / 1000)} s; starting another${backoffMs ? ` in ${backoffMs / 1000} s` : ""}`);
  setTimeout(startWorker, backoffMs);
});

for (const name of ["SIGINT", "SIGTERM"]) {
  process.on(name, () => {
    stopping = true;
    demoPlatform?.kill(name);
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill(name);
  });
}

if (workers > 1) console.log(`logdeck: starting ${workers} server processes (WEB_CONCURRENCY)`);
for (let i = 0; i < workers; i++) startWorker();
