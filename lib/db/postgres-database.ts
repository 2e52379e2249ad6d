// The PostgreSQL driver: Prisma through @prisma/adapter-pg over a pg pool, a second pool
// for ingestion's single statements, advisory locks and driver-level transactions.
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { withCheckedOutClient } from "./checked-out-client";
import { copyIntoPostgres } from "./copy";
import { ReplicaSet } from "./read-replicas";
import { type Database, type DatabaseTarget, type HeldLock, LockLostError, type LockResult, type OpenDatabaseOptions, STATEMENT_TIMEOUT_MS } from "./database";

/**
 * How often a held advisory lock's connection runs a trivial query. Its holder works on
 * other connections, so this one would sit idle for the whole run, and a server with
 * `idle_session_timeout` (or a proxy that drops idle connections) would close it, taking
 * the lock with it while the work went on: two runs at once.
 */
const LOCK_KEEPALIVE_MS = 1_000;

// Prisma sends and reads DateTime values without an offset, which the server reads in
// the session's time zone: pinned to UTC, whatever the database's default.
const SESSION_OPTIONS = "-c TimeZone=UTC";

/**
 * The settings of every pool logdeck opens on a PostgreSQL server. `sessionOptions` adds
 * server settings to each session (`-c name=value …`).
 */
export function postgresPoolConfig(url: string, { max = env().DATABASE_POOL_SIZE, sessionOptions = "" }: { max?: number; sessionOptions?: string } = {}): pg.PoolConfig {
  return {
    connectionString: url,
    max,
    // A database that is down or a pool that is exhausted must fail fast (a 503 to the
    // caller), never hang a request.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    options: `${SESSION_OPTIONS} ${sessionOptions}`.trim(),
  };
}

/** Session settings of the pools Prisma reads through (the primary's and each replica's). */
export function prismaSessionOptions(): string {
  const { DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_LOCK_TIMEOUT_MS } = env();
  return `-c statement_timeout=${DATABASE_STATEMENT_TIMEOUT_MS} -c lock_timeout=${DATABASE_LOCK_TIMEOUT_MS}`;
}

/** A pg pool whose idle clients losing their connection cannot crash the process. */
export function openPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  return pool;
}

/** A Prisma driver adapter over `pool` (the only place PostgreSQL adapters are made). */
export function postgresAdapter(pool: pg.Pool): PrismaPg {
  return new PrismaPg(pool);
}

export function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>, { statementTimeoutMs = STATEMENT_TIMEOUT_MS }: OpenDatabaseOptions = {}): Database {
  const poolConfig = postgresPoolConfig(target.url);
  const pool = openPool(poolConfig);
  // statement()'s pool, opened on first use: its sessions time out every statement on
  // the server, which the main pool's cannot (Prisma and retention share it).
  let statementPool: pg.Pool | undefined;
  const statementPoolFor = () =>
    (statementPool ??= openPool(postgresPoolConfig(target.url, { sessionOptions: `-c statement_timeout=${Math.floor(statementTimeoutMs)}` })));
  // openRateLimiter()'s pool, opened on first use: a rate limit is checked before any
  // work, so it must not queue behind the inserts it admits (statement()'s pool) nor the
  // dashboard (the main pool). Two connections; a check that cannot get one within a
  // second, or runs past one, is answered by the insurance limiter instead.
  let rateLimitPool: pg.Pool | undefined;
  const rateLimitPoolFor = () =>
    (rateLimitPool ??= openPool({ ...postgresPoolConfig(target.url, { max: 2, sessionOptions: "-c statement_timeout=1000" }), connectionTimeoutMillis: 1_000 }));
  // Prisma's pool (pages, sessions, sign-in): every statement bounded on the server, and a
  // lock waited for at most DATABASE_LOCK_TIMEOUT_MS, so a stuck table frees its
  // connections instead of holding the pool (docs/security.md). `pool` (advisory locks,
  // COPY, transaction()) keeps no bound: a migration waits for another's lock.
  const prismaPool = openPool(postgresPoolConfig(target.url, { sessionOptions: prismaSessionOptions() }));
  const prisma = new PrismaClient({ adapter: postgresAdapter(prismaPool) });
  // Opened on the first dashboard read, so scripts and ingestion never connect to replicas.
  let replicaSet: ReplicaSet | undefined;
  const replicas = target.replicas?.urls.length ? target.replicas : undefined;
  const replicaSetFor = (settings: NonNullable<typeof replicas>) =>
    (replicaSet ??= new ReplicaSet({ primaryUrl: target.url, replicaUrls: settings.urls, maxLagSeconds: settings.maxLagSeconds }));
  return {
    target,
    prisma,
    get readPrisma() {
      return replicas ? replicaSetFor(replicas).prisma : prisma;
    },
    replicaStatuses: async () => (replicas ? replicaSetFor(replicas).statuses() : []),
    withMigrationAdapter: (fn) => withMigrationPool(target.url, fn),
    copyRows: (table, columns, rows) => copyIntoPostgres(pool, table, columns, rows),
    withLock: (key, fn, options) => withAdvisoryLock(pool, key, fn, options?.wait !== false),
    transaction: (fn, { statementTimeoutMs: timeout }) =>
      withCheckedOutClient(pool, async ({ client, markBroken }) => {
        try {
          await client.query("BEGIN");
          await client.query(`SET LOCAL statement_timeout = ${Math.floor(timeout)}`);
          const value = await fn(async <R extends Record<string, unknown>>(text: string, params?: readonly unknown[]) => {
            const result = await client.query<R>(text, params as unknown[]);
            return { rowCount: result.rowCount ?? 0, rows: result.rows };
          });
          await client.query("COMMIT");
          return value;
        } catch (error) {
          // A connection that cannot even roll back is dropped from the pool, not reused.
          await client.query("ROLLBACK").catch(markBroken);
          throw error;
        }
      }),
    statement: <R extends Record<string, unknown>>(text: string, params: readonly unknown[], options?: { name?: string }) =>
      withCheckedOutClient(statementPoolFor(), async ({ client, markBroken }) => {
        try {
          const result = await client.query<R>({ text, values: params as unknown[], ...(options?.name ? { name: options.name } : {}) });
          return result.rows;
        } catch (error) {
          // An error the server sent (a constraint, a timeout: it has a SQLSTATE) leaves the
          // connection usable; anything else (a socket error) may not have: drop it.
          if (!(error instanceof pg.DatabaseError)) markBroken(error as Error);
          throw error;
        }
      }),
    openRateLimiter: ({ table, keyPrefix, points, durationSeconds }) =>
      new RateLimiterPostgres({
        storeClient: rateLimitPoolFor(),
        storeType: "pool",
        tableName: table,
        tableCreated: true,
        keyPrefix,
        points,
        duration: durationSeconds,
        // A key that has used its window is refused from memory until the window ends,
        // without a round trip per refused request.
        inMemoryBlockOnConsumed: points,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
      }),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      await prismaPool.end().catch(() => {});
      await statementPool?.end().catch(() => {});
      await rateLimitPool?.end().catch(() => {});
      await replicaSet?.close();
    },
  };
}

async function withMigrationPool<T>(url: string, fn: (adapter: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T> {
  // Not postgresPoolConfig(): no statement or lock timeout may cut a migration short.
  const migrationPool = openPool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, options: SESSION_OPTIONS });
  // pool.end() resolves once its clients are told to end, not once they have: wait
  // for each connection to close, which PostgreSQL does only after its backend has
  // exited and so released the engine's lock. Returning earlier let the next
  // migration (or another instance's start) find the lock still held for a moment.
  const closed: Promise<void>[] = [];
  migrationPool.on("connect", (client) => closed.push(new Promise((resolve) => client.once("end", () => resolve()))));
  try {
    return await fn(postgresAdapter(migrationPool));
  } finally {
    await migrationPool.end().catch(() => {});
    // Bounded: a server that never closes the socket must not hang start-up.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  }
}

function withAdvisoryLock<T>(pool: pg.Pool, key: number, fn: (lock: HeldLock) => Promise<T>, wait: boolean): Promise<LockResult<T>> {
  return withCheckedOutClient(pool, async ({ client, broken, markBroken }) => {
    if (!wait) {
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]);
      if (!rows[0]?.ok) return { acquired: false };
    } else {
      await client.query("SELECT pg_advisory_lock($1)", [key]);
    }
    const keepAlive = setInterval(() => {
      if (!broken()) client.query("SELECT 1").catch(markBroken);
    }, LOCK_KEEPALIVE_MS);
    try {
      const value = await fn({
        assertHeld: () => {
          const cause = broken();
          if (cause) throw new LockLostError(key, cause);
        },
      });
      return { acquired: true, value };
    } finally {
      clearInterval(keepAlive);
      // A failed unlock means the connection is gone, and the lock with it.
      await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(markBroken);
    }
  });
}
