// The one place that knows which database logdeck runs on. DATABASE_URL set:
// PostgreSQL through @prisma/adapter-pg and a pg pool. Unset: embedded PGlite
// (PostgreSQL compiled to WebAssembly) in DATA_DIR. Everything else asks this module for
// the Prisma client, the migration adapter or a bulk COPY, and never learns which.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { copyIntoPglite, copyIntoPostgres, type CopyRows } from "./copy";
import { lockDataDir } from "./data-dir-lock";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
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
  close(): Promise<void>;
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

/**
 * How often a held advisory lock's connection runs a trivial query. Its holder works on
 * other connections, so this one would sit idle for the whole run, and a server with
 * `idle_session_timeout` (or a proxy that drops idle connections) would close it, taking
 * the lock with it while the work went on: two runs at once.
 */
const LOCK_KEEPALIVE_MS = 1_000;

const HELD_IN_PROCESS: HeldLock = { assertHeld: () => {} };

/** One parameterised statement ($1, $2, …) inside a `transaction`; arrays bind as arrays. */
export type SqlRunner = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<{ rowCount: number; rows: R[] }>;

/** Where this process's database is, from DATABASE_URL and DATA_DIR. */
export function configuredTarget(): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR } = env();
  if (DATABASE_URL) return { kind: "postgres", url: DATABASE_URL };
  return { kind: "pglite", dataDir: DATA_DIR };
}

/** A short description safe to print: no password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite in ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export function openDatabase(target: DatabaseTarget = configuredTarget(), options: OpenDatabaseOptions = {}): Database {
  return target.kind === "postgres" ? openPostgres(target, options) : openPglite(target);
}

const SESSION_OPTIONS = "-c TimeZone=UTC";

function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>, { statementTimeoutMs = STATEMENT_TIMEOUT_MS }: OpenDatabaseOptions): Database {
  const poolConfig: pg.PoolConfig = {
    connectionString: target.url,
    max: env().DATABASE_POOL_SIZE,
    // A database that is down or a pool that is exhausted must fail fast (a 503 to the
    // caller), never hang a request.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Prisma sends and reads DateTime values without an offset, which the server reads in
    // the session's time zone: pinned to UTC, whatever the database's default.
    options: SESSION_OPTIONS,
  };
  const pool = new pg.Pool(poolConfig);
  // An idle client losing its connection must not crash the process.
  pool.on("error", () => {});
  // statement()'s pool, opened on first use: its sessions time out every statement on
  // the server, which the main pool's cannot (Prisma and retention share it).
  let statementPool: pg.Pool | undefined;
  const statementPoolFor = () => {
    if (!statementPool) {
      statementPool = new pg.Pool({ ...poolConfig, options: `${SESSION_OPTIONS} -c statement_timeout=${Math.floor(statementTimeoutMs)}` });
      statementPool.on("error", () => {});
    }
    return statementPool;
  };
  // Prisma's pool (pages, sessions, sign-in): every statement bounded on the server, and a
  // lock waited for at most DATABASE_LOCK_TIMEOUT_MS, so a stuck table frees its
  // connections instead of holding the pool (docs/security.md). `pool` (advisory locks,
  // COPY, transaction()) keeps no bound: a migration waits for another's lock.
  const { DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_LOCK_TIMEOUT_MS } = env();
  const prismaPool = new pg.Pool({ ...poolConfig, options: `${SESSION_OPTIONS} -c statement_timeout=${DATABASE_STATEMENT_TIMEOUT_MS} -c lock_timeout=${DATABASE_LOCK_TIMEOUT_MS}` });
  prismaPool.on("error", () => {});
  const adapter = new PrismaPg(prismaPool);
  const prisma = new PrismaClient({ adapter });
  return {
    target,
    prisma,
    async withMigrationAdapter(fn) {
      const migrationPool = new pg.Pool({ connectionString: target.url, max: 2, connectionTimeoutMillis: 10_000, options: SESSION_OPTIONS });
      migrationPool.on("error", () => {});
      // pool.end() resolves once its clients are told to end, not once they have: wait
      // for each connection to close, which PostgreSQL does only after its backend has
      // exited and so released the engine's lock. Returning earlier let the next
      // migration (or another instance's start) find the lock still held for a moment.
      const closed: Promise<void>[] = [];
      migrationPool.on("connect", (client) => closed.push(new Promise((resolve) => client.once("end", () => resolve()))));
      try {
        return await fn(new PrismaPg(migrationPool));
      } finally {
        await migrationPool.end().catch(() => {});
        // Bounded: a server that never closes the socket must not hang start-up.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
        clearTimeout(timer);
      }
    },
    copyRows: (table, columns, rows) => copyIntoPostgres(pool, table, columns, rows),
    async withLock(key, fn, options) {
      const client = await pool.connect();
      let held = false;
      let broken: Error | undefined;
      // As in transaction(): a checked-out client needs its own error listener.
      const onError = (error: Error) => (broken = error);
      client.on("error", onError);
      try {
        if (options?.wait === false) {
          const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]);
          if (!rows[0]?.ok) return { acquired: false };
        } else {
          await client.query("SELECT pg_advisory_lock($1)", [key]);
        }
        held = true;
        const keepAlive = setInterval(() => {
          if (!broken) client.query("SELECT 1").catch((error: Error) => (broken ??= error));
        }, LOCK_KEEPALIVE_MS);
        try {
          return {
            acquired: true,
            value: await fn({
              assertHeld: () => {
                if (broken) throw new LockLostError(key, broken);
              },
            }),
          };
        } finally {
          clearInterval(keepAlive);
        }
      } finally {
        // A failed unlock means the connection is gone, and the lock with it.
        if (held) await client.query("SELECT pg_advisory_unlock($1)", [key]).catch((error: Error) => (broken ??= error));
        client.off("error", onError);
        client.release(broken);
      }
    },
    async transaction(fn, { statementTimeoutMs }) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // pg-pool takes its own error listener off a client while it is checked out: a
      // connection that dies under us (a restart, pg_terminate_backend) would otherwise
      // raise an uncaught 'error' and take the whole server down.
      const onError = (error: Error) => (broken = error);
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        await client.query(`SET LOCAL statement_timeout = ${Math.floor(statementTimeoutMs)}`);
        const value = await fn(async <R extends Record<string, unknown>>(text: string, params?: readonly unknown[]) => {
          const result = await client.query<R>(text, params as unknown[]);
          return { rowCount: result.rowCount ?? 0, rows: result.rows };
        });
        await client.query("COMMIT");
        return value;
      } catch (error) {
        // A connection that cannot even roll back is dropped from the pool, not reused.
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async statement<R extends Record<string, unknown>>(text: string, params: readonly unknown[], options?: { name?: string }) {
      const client = await statementPoolFor().connect();
      let broken: Error | undefined;
      // As in transaction(): a checked-out client needs its own error listener.
      const onError = (error: Error) => (broken = error);
      client.on("error", onError);
      try {
        const result = await client.query<R>({ text, values: params as unknown[], ...(options?.name ? { name: options.name } : {}) });
        return result.rows;
      } catch (error) {
        // An error the server sent (a constraint, a timeout: it has a SQLSTATE) leaves the
        // connection usable; anything else (a socket error) may not have: drop it.
        if (!(error instanceof pg.DatabaseError)) broken ??= error as Error;
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      await prismaPool.end().catch(() => {});
      await statementPool?.end().catch(() => {});
    },
  };
}

function openPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>): Database {
  const inMemory = target.dataDir.startsWith("memory://");
  const dataDir = inMemory ? target.dataDir : path.resolve(target.dataDir, "pglite");
  // Nothing in PGlite keeps a second process out of the directory, and two processes in
  // it lose each other's writes: this process holds DATA_DIR until close (or exit), and
  // a DataDirInUseError says who has it instead. In memory, nothing is shared.
  const unlock = inMemory ? () => {} : lockDataDir(target.dataDir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // PGlite and its adapter are imported here, when an embedded database is opened, not
  // at the top of this module: importing PGlite alone costs ~40 MB of memory, which a
  // server on PostgreSQL would carry for nothing. Loading starts at once.
  const loaded = (async () => {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
    // The same UTC session as on PostgreSQL (see SESSION_OPTIONS).
    const pglite = new PGlite(dataDir, { startParams: [...PGlite.defaultStartParams, "-c", "TimeZone=UTC"] });
    return { pglite, adapter: new PrismaPGlite(pglite) };
  })();
  // Whoever uses the database sees a failure to load; nobody using it is no crash.
  loaded.catch(() => {});
  const embedded = async () => (await loaded).pglite;
  const adapter: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => (await loaded).adapter.connect(),
    connectToShadowDb: async () => (await loaded).adapter.connectToShadowDb(),
  };
  const prisma = new PrismaClient({ adapter });
  return {
    target,
    prisma,
    // One process owns PGlite, in one session: the engine's lock is re-entrant there.
    withMigrationAdapter: (fn) => fn(adapter),
    copyRows: async (table, columns, rows) => copyIntoPglite(await embedded(), table, columns, rows),
    withLock: (key, fn, options) => withProcessLock(key, () => fn(HELD_IN_PROCESS), options?.wait !== false),
    transaction: async (fn, { statementTimeoutMs }) =>
      (await embedded()).transaction(async (tx) => {
        await tx.exec(`SET LOCAL statement_timeout = ${Math.floor(statementTimeoutMs)}`);
        return fn(async <R extends Record<string, unknown>>(text: string, params?: readonly unknown[]) => {
          const result = await tx.query<R>(text, params as unknown[]);
          return { rowCount: result.affectedRows ?? 0, rows: result.rows };
        });
      }),
    // One session in this process, so nothing else can hold a lock the statement waits
    // for; a statement is atomic on its own.
    statement: async <R extends Record<string, unknown>>(text: string, params: readonly unknown[]) =>
      (await (await embedded()).query<R>(text, params as unknown[])).rows,
    async close() {
      await prisma.$disconnect();
      const pglite = await embedded().catch(() => null);
      if (pglite && !pglite.closed) await pglite.close();
      // Let go only once closed: a close that failed leaves the files open in this
      // process, whose exit releases the lock.
      unlock();
    },
  };
}

const processLocks = new Map<number, Promise<unknown>>();

async function withProcessLock<T>(key: number, fn: () => Promise<T>, wait: boolean): Promise<LockResult<T>> {
  while (processLocks.has(key)) {
    if (!wait) return { acquired: false };
    await processLocks.get(key)!.catch(() => {});
  }
  const running = fn();
  processLocks.set(key, running);
  try {
    return { acquired: true, value: await running };
  } finally {
    processLocks.delete(key);
  }
}

// One database per process. Kept on globalThis so that Next's dev server, which
// re-evaluates modules on every change, does not open the embedded database twice.
const holder = globalThis as unknown as { __logdeckDatabase?: Database };

/** This process's database, opened on first use (never at import, so builds stay offline). */
export function database(): Database {
  holder.__logdeckDatabase ??= openDatabase();
  return holder.__logdeckDatabase;
}

/** This process's Prisma client. */
export function prisma(): PrismaClient {
  return database().prisma;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__logdeckDatabase;
  holder.__logdeckDatabase = undefined;
  await current?.close();
}
