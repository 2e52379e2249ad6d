// The embedded driver: PGlite (PostgreSQL compiled to WebAssembly) in DATA_DIR, owned by
// this one process, through pglite-prisma-adapter.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { copyIntoPglite } from "./copy";
import { lockDataDir } from "./data-dir-lock";
import type { Database, DatabaseTarget, HeldLock, LockResult } from "./database";

const HELD_IN_PROCESS: HeldLock = { assertHeld: () => {} };

/**
 * A PGlite in `dataDir` ("memory://" for one in memory) and a migration-aware Prisma
 * adapter over it, both loaded on first use. PGlite and its adapter are imported here,
 * when an embedded database is opened, not at the top of this module: importing PGlite
 * alone costs ~40 MB of memory, which a server on PostgreSQL would carry for nothing.
 */
export function openPgliteAdapter(dataDir: string, snapshot?: Blob): { pglite: () => Promise<PGlite>; adapter: SqlMigrationAwareDriverAdapterFactory; closeShadows: () => Promise<void> } {
  const loaded = (async () => {
    const [{ PGlite }, { PrismaPGlite }, { PGLITE_EXTENSIONS }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter"), import("./pglite-extensions")]);
    // The same UTC session as on PostgreSQL (see postgres-database.ts), with the
    // extensions the migrations create (pg_trgm).
    const pglite = new PGlite(dataDir, { startParams: [...PGlite.defaultStartParams, "-c", "TimeZone=UTC"], extensions: PGLITE_EXTENSIONS, ...(snapshot ? { loadDataDir: snapshot } : {}) });
    const shadows: PGlite[] = [];
    return { pglite, adapter: new PrismaPGlite(pglite), PGlite, PrismaPGlite, PGLITE_EXTENSIONS, shadows };
  })();
  // Whoever uses the database sees a failure to load; nobody using it is no crash.
  loaded.catch(() => {});
  return {
    pglite: async () => (await loaded).pglite,
    adapter: {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      connect: async () => (await loaded).adapter.connect(),
      // pglite-prisma-adapter's own shadow is a bare PGlite, where CREATE EXTENSION pg_trgm
      // fails (and the search index would go missing from every drift check).
      connectToShadowDb: async () => {
        const { PGlite, PrismaPGlite, PGLITE_EXTENSIONS, shadows } = await loaded;
        const shadow = new PGlite({ extensions: PGLITE_EXTENSIONS });
        shadows.push(shadow);
        return new PrismaPGlite(shadow).connect();
      },
    },
    closeShadows: async () => {
      const { shadows } = await loaded;
      await Promise.all(shadows.splice(0).map((db) => (db.closed ? undefined : db.close())));
    },
  };
}

export function openPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>): Database {
  const inMemory = target.dataDir.startsWith("memory://");
  const dataDir = inMemory ? target.dataDir : path.resolve(target.dataDir, "pglite");
  // Nothing in PGlite keeps a second process out of the directory, and two processes in
  // it lose each other's writes: this process holds DATA_DIR until close (or exit), and
  // a DataDirInUseError says who has it instead. In memory, nothing is shared.
  const unlock = inMemory ? () => {} : lockDataDir(target.dataDir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const { pglite: embedded, adapter } = openPgliteAdapter(dataDir, target.snapshot);
  const prisma = new PrismaClient({ adapter });
  return {
    target,
    prisma,
    // One embedded database, no replicas.
    readPrisma: prisma,
    replicaStatuses: async () => [],
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
    // This process is the only one on the database: its memory is where every request is.
    openRateLimiter: ({ keyPrefix, points, durationSeconds }) => new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
    snapshot: async () => (await embedded()).dumpDataDir("none"),
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
