// How many server processes `npm start` runs, and how their deaths are reported
// (scripts/start.mjs). Plain JavaScript, as start.mjs is; lib/env.ts has already refused a WEB_CONCURRENCY that is not a positive
// whole number, or above 1 on the embedded database.
import { availableParallelism, totalmem } from "node:os";

// Measured (docs/scaling.md): a worker's RSS peaks under ~380 MB with the heap caps of
// server-heap-flags.json (the flood benchmark), and a worker uses ~39 µs of CPU per event
// where PostgreSQL's insert path takes ~50 µs more. With the database elsewhere the
// server's thread is the limit: one worker per core. With the database on this machine
// (DATABASE_URL names localhost or a socket) it takes about half the cores: 2 workers on
// 2 cores measured 12,600 events/s against 13,300 for one. Memory is left for 1 GB besides.
const WORKER_MEMORY = 400 * 1024 * 1024;
const RESERVED_MEMORY = 1024 * 1024 * 1024;

/**
 * WEB_CONCURRENCY when set; otherwise 1 on embedded PGlite, else one per core (half the
 * cores when the database runs on this machine) that memory allows.
 */
export function workerCount(environment, { cores = availableParallelism(), memory = totalmem() } = {}) {
  const set = environment.WEB_CONCURRENCY?.trim();
  if (set) return Number(set);
  // One process owns an embedded database's directory.
  const url = environment.DATABASE_URL?.trim();
  if (!url) return 1;
  const forServer = isLocalDatabase(url) ? Math.floor(cores / 2) : cores;
  return Math.max(1, Math.min(forServer, Math.floor((memory - RESERVED_MEMORY) / WORKER_MEMORY)));
}

/** True when a PostgreSQL URL names this machine: localhost, a loopback address, or a Unix socket. */
export function isLocalDatabase(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const socket = parsed.searchParams.get("host");
  if (socket?.startsWith("/")) return true;
  const host = decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, "");
  return host === "" || host === "localhost" || host === "::1" || /^127\./.test(host) || host.startsWith("/");
}

/** Why a worker went, in words an operator can act on. */
export function describeExit(code, signal) {
  if (signal === "SIGKILL") return "killed with SIGKILL (the kernel's out-of-memory killer, or an operator)";
  if (signal === "SIGABRT" || code === 134) return "aborted (V8 does this when the heap limit is reached: see the lines above)";
  if (signal) return `stopped by ${signal}`;
  return `exited with code ${code}`;
}
