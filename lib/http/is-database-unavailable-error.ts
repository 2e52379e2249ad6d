// Tells a database that is down, overloaded or out of time (worth a 503 and a retry)
// from a bug. Prisma 7 with driver adapters reports these in several shapes: its own
// P1xxx/P2024/P2028 codes, a DriverAdapterError with a `kind` or a PostgreSQL SQLSTATE
// in `meta.driverAdapterError.cause`, or — for the pg pool's connection timeout — a
// plain Error straight from `pg`.

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2028", "P2034"]);

const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
  "TransactionWriteConflict",
]);

// SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization,
// deadlock), 53 insufficient resources, 57 operator intervention (statement timeout,
// shutdown), 58 system error. 55P03: lock not available (lock_timeout).
const SQLSTATE = /^(08|40|53|57|58)|^55P03$/;

const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE", "EAI_AGAIN"]);

const MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection error|Can't reach database server|Client was closed|server closed the connection/i;

interface Probe {
  code?: unknown;
  kind?: unknown;
  severity?: unknown;
  originalCode?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: Probe } };
  cause?: unknown;
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const probe = current as Probe;
    if (typeof probe.code === "string" && (PRISMA_CODES.has(probe.code) || NODE_CODES.has(probe.code) || SQLSTATE.test(probe.code))) return true;
    if (typeof probe.kind === "string" && ADAPTER_KINDS.has(probe.kind)) return true;
    if (typeof probe.originalCode === "string" && SQLSTATE.test(probe.originalCode)) return true;
    if (probe.severity === "FATAL" || probe.severity === "PANIC") return true;
    if (typeof probe.message === "string" && MESSAGES.test(probe.message)) return true;
    current = probe.meta?.driverAdapterError?.cause ?? probe.cause;
  }
  return false;
}

// 57014: a statement cancelled (statement_timeout); 55P03: a lock not granted in time (lock_timeout).
const BUSY_SQLSTATE = /^(57014|55P03)$/;

/** True when the database is up but busy: a statement ran out of time, or waited too long for a lock. */
export function isDatabaseBusyError(error: unknown): boolean {
  return hasSqlState(error, BUSY_SQLSTATE);
}

/** True when PostgreSQL's SQLSTATE, in any of the shapes the drivers report it, matches `sqlState`. */
export function hasSqlState(error: unknown, sqlState: RegExp): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const probe = current as Probe;
    if (typeof probe.code === "string" && sqlState.test(probe.code)) return true;
    if (typeof probe.originalCode === "string" && sqlState.test(probe.originalCode)) return true;
    current = probe.meta?.driverAdapterError?.cause ?? probe.cause;
  }
  return false;
}
