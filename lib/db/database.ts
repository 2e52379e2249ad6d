// What every database driver gives the rest of logdeck (./client.ts picks one):
// PostgreSQL (./postgres-database.ts) or embedded PGlite (./pglite-database.ts). Nothing
// outside lib/db learns which one it got.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CopyRows } from "./copy";
import type { ReplicaStatus } from "./read-replicas";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; replicas?: { urls: readonly string[]; maxLagSeconds: number } }
  /** `snapshot`: a dumped data directory (PGlite's dumpDataDir) to start an in-memory database from (tests' template). */
  | { kind: "pglite"; dataDir: string; snapshot?: Blob };

/** What callers use of a rate-limiter-flexible limiter: consume() resolves, or rejects with a RateLimiterRes (over) or an Error (failed). */
export type RateLimiterStore = Pick<RateLimiterAbstract, "consume">;

export interface Database {
  readonly target: DatabaseTarget;
  /** The primary: every write, and every read that must see a write just made. */
  readonly prisma: PrismaClient;
  /**
   * For the dashboard's reads, which may trail the last writes by up to
   * DATABASE_REPLICA_MAX_LAG_SECONDS: a streaming replica when DATABASE_REPLICA_URLS names
   * any that are usable, the primary otherwise; `prisma` itself when there are none
   * (PGlite, a lone PostgreSQL). With replicas its sessions are read-only everywhere.
   */
  readonly readPrisma: PrismaClient;
  /** The replicas' states, checked now (none configured: empty). */
  replicaStatuses(): Promise<ReplicaStatus[]>;
  /**
   * Runs `fn` with an adapter factory for the WASM schema engine, on connections of its
   * own that are closed afterwards: the engine takes a session-level advisory lock
   * (72707369, as `prisma migrate` does) and never releases it, so a connection kept in a
   * pool would block the next migration forever.
   */
  withMigrationAdapter<T>(fn: (adapter: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T>;
  /** Bulk-load rows with COPY (seeding, benchmarks). Not transactional with `prisma`. */
  copyRows(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
  /**
   * Runs `fn` holding a database-wide lock named by `key` (a PostgreSQL advisory lock,
   * held on its own connection; in-process for PGlite, which one process owns).
   * `wait: false` gives up at once when another holder has it and returns
   * `{ acquired: false }`. A long holder calls `lock.assertHeld()` now and then: on
   * PostgreSQL the lock lasts only as long as its connection, which is kept from idling
   * out but can still be lost (a restart, pg_terminate_backend, a network cut).
   */
  withLock<T>(key: number, fn: (lock: HeldLock) => Promise<T>, options?: { wait?: boolean }): Promise<LockResult<T>>;
  /**
   * Runs `fn` in one transaction on the driver itself, without Prisma: the hot insert
   * path of ingestion, where Prisma's interactive transaction costs 1.6× (a 500-row
   * batch) to 4× (one row) the database's own time. Committed when `fn` resolves,
   * rolled back when it throws; each statement is bounded by `statementTimeoutMs`.
   */
  transaction<T>(fn: (sql: SqlRunner) => Promise<T>, options: { statementTimeoutMs: number }): Promise<T>;
  /**
   * Runs ONE statement on its own — autocommitted, so all of it is stored or none — and
   * returns its rows: ingestion's hot path, one round trip with no BEGIN/COMMIT. On
   * PostgreSQL it runs on a pool of its own (DATABASE_POOL_SIZE connections, so the
   * dashboard cannot starve ingestion nor the reverse) whose sessions carry a
   * server-side `statement_timeout` of `statementTimeoutMs` (openDatabase's option,
   * default STATEMENT_TIMEOUT_MS), and `name` makes it a prepared statement, parsed and
   * planned once per connection.
   */
  statement<R extends Record<string, unknown>>(text: string, params: readonly unknown[], options?: { name?: string }): Promise<R[]>;
  /**
   * A rate limiter (rate-limiter-flexible) of `points` per `durationSeconds` window per
   * key, counted where every instance sees it: on PostgreSQL in `table` (a table in
   * rate-limiter-flexible's layout, made by a migration), with a memory limiter of the
   * same bounds standing in while the database does not answer; on PGlite, which one
   * process owns, in memory.
   */
  openRateLimiter(options: { table: string; keyPrefix: string; points: number; durationSeconds: number }): RateLimiterStore;
  close(): Promise<void>;
  /** Embedded only: the whole database as a tarball (PGlite's dumpDataDir), to start others from. */
  snapshot?(): Promise<Blob>;
}

/** How long one `statement()` may run before the server cancels it (SQLSTATE 57014). */
export const STATEMENT_TIMEOUT_MS = 10_000;

export interface OpenDatabaseOptions {
  /** The server-side bound of `statement()` (PostgreSQL); default STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs?: number;
}

export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface HeldLock {
  /** Throws LockLostError when the lock is no longer held (its connection is gone). */
  assertHeld(): void;
}

/** A lock's connection closed while its holder was still working: another may now hold it. */
export class LockLostError extends Error {
  constructor(key: number, cause: unknown) {
    // The cause (a lost connection) makes callers treat it as the database being unavailable.
    super(`lost database lock ${key}: its connection closed (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = "LockLostError";
  }
}

/** One parameterised statement ($1, $2, …) inside a `transaction`; arrays bind as arrays. */
export type SqlRunner = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<{ rowCount: number; rows: R[] }>;
