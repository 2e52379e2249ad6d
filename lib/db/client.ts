// The one place that knows which database logdeck runs on. DATABASE_URL set:
// PostgreSQL (./postgres-database.ts). Unset: embedded PGlite in DATA_DIR
// (./pglite-database.ts). Everything else asks this module for the Prisma client, the
// migration adapter or a bulk COPY, and never learns which.
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Database, DatabaseTarget, OpenDatabaseOptions } from "./database";
import { openPglite } from "./pglite-database";
import { openPostgres } from "./postgres-database";
import { replicaName } from "./read-replicas";

export { LockLostError, STATEMENT_TIMEOUT_MS } from "./database";
export type { ReplicaStatus } from "./read-replicas";
export type { Database, DatabaseTarget, HeldLock, LockResult, OpenDatabaseOptions, SqlRunner } from "./database";

/** Where this process's database is, from DATABASE_URL and DATA_DIR. */
export function configuredTarget(): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR, DATABASE_REPLICA_URLS, DATABASE_REPLICA_MAX_LAG_SECONDS } = env();
  if (DATABASE_URL) {
    return { kind: "postgres", url: DATABASE_URL, ...(DATABASE_REPLICA_URLS.length ? { replicas: { urls: DATABASE_REPLICA_URLS, maxLagSeconds: DATABASE_REPLICA_MAX_LAG_SECONDS } } : {}) };
  }
  return { kind: "pglite", dataDir: DATA_DIR };
}

/** A short description safe to print: no password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite in ${target.dataDir}`;
  const url = new URL(target.url);
  const replicas = target.replicas?.urls.length ? ` with read replicas ${target.replicas.urls.map(replicaName).join(", ")}` : "";
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${replicas}`;
}

export function openDatabase(target: DatabaseTarget = configuredTarget(), options: OpenDatabaseOptions = {}): Database {
  return target.kind === "postgres" ? openPostgres(target, options) : openPglite(target);
}

// One database per process. Kept on globalThis so that Next's dev server, which
// re-evaluates modules on every change, does not open the embedded database twice.
const holder = globalThis as unknown as { __logdeckDatabase?: Database };

/** This process's database, opened on first use (never at import, so builds stay offline). */
export function database(): Database {
  holder.__logdeckDatabase ??= openDatabase();
  return holder.__logdeckDatabase;
}

/** Makes `db` this process's database (tests start one from a template: test/setup-integration.ts). */
export function setDatabase(db: Database): void {
  holder.__logdeckDatabase = db;
}

/**
 * This process's Prisma client on the primary: writes, and reads that must see what was
 * just written (sign-in, admin pages, ingestion, retention).
 */
export function prisma(): PrismaClient {
  return database().prisma;
}

/**
 * The Prisma client for the dashboard's reads (pages, search, export, live): on a
 * streaming replica when DATABASE_REPLICA_URLS has a usable one, so it may trail the
 * primary by up to DATABASE_REPLICA_MAX_LAG_SECONDS; the primary otherwise. Never write
 * through it: with replicas its sessions are read-only, on the primary too.
 */
export function readPrisma(): PrismaClient {
  return database().readPrisma;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__logdeckDatabase;
  holder.__logdeckDatabase = undefined;
  await current?.close();
}
