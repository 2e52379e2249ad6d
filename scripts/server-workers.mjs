// How many server processes `npm start` runs, and how their deaths are reported
// (scripts/start.mjs). Plain JavaScript, as start.mjs is; lib/env.ts has already refused a WEB_CONCURRENCY that is not a positive
// whole number, or above 1 on the embedded database.
import { availableParallelism, totalmem } from "node:os";

// Measured (docs/scaling.md): a worker's RSS stays under ~260 MB with the heap caps of
// server-heap-flags.json, and ingestion scales with cores until the database's own CPU
// takes them. One worker per core, leaving the memory for 1 GB besides (the database's,
// when it runs on the same machine).
const WORKER_MEMORY = 300 * 1024 * 1024;
const RESERVED_MEMORY = 1024 * 1024 * 1024;

/** WEB_CONCURRENCY when set; otherwise 1 on embedded PGlite, else one per core that memory allows. */
export function workerCount(environment, { cores = availableParallelism(), memory = totalmem() } = {}) {
  const set = environment.WEB_CONCURRENCY?.trim();
  if (set) return Number(set);
  // One process owns an embedded database's directory.
  if (!environment.DATABASE_URL?.trim()) return 1;
  return Math.max(1, Math.min(cores, Math.floor((memory - RESERVED_MEMORY) / WORKER_MEMORY)));
}

/** Why a worker went, in words an operator can act on. */
export function describeExit(code, signal) {
  if (signal === "SIGKILL") return "killed with SIGKILL (the kernel's out-of-memory killer, or an operator)";
  if (signal === "SIGABRT" || code === 134) return "aborted (V8 does this when the heap limit is reached: see the lines above)";
  if (signal) return `stopped by ${signal}`;
  return `exited with code ${code}`;
}
