// Prisma's schema engine, compiled to WebAssembly, driven through a driver adapter: the
// same migrations and `_prisma_migrations` records as `prisma migrate deploy`, with no
// engine binary to download. Loading the engine (wasm-bindgen internals) is
// ./schema-engine-wasm.ts's business.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { createSchemaEngine } from "./schema-engine-wasm";
import { withAtomicScripts } from "./atomic-scripts";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
export const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

/** A schema engine whose migrations each go to the database as one atomic script, as `prisma migrate deploy` sends them. */
function createEngine(adapter: SqlMigrationAwareDriverAdapterFactory, schema: string): Promise<SchemaEngine> {
  return createSchemaEngine(withAtomicScripts(adapter), schema);
}

/** prisma/migrations as the engine wants it. */
export async function loadMigrations(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const content = await readFile(path.join(baseDir, dir, "migration.sql"), "utf8")
          .then((value) => ({ tag: "ok" as const, value }))
          .catch((error: Error) => ({ tag: "error" as const, value: error.message }));
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Applies every migration in `migrationsDir` not yet recorded in `_prisma_migrations`;
 * returns their names.
 */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const engine = await createEngine(adapter, await readFile(SCHEMA_PATH, "utf8"));
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await loadMigrations(migrationsDir),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that would bring a database built from prisma/migrations to prisma/schema.prisma;
 * empty when they agree. `adapter` must be able to provide a shadow database (PGlite
 * in memory does), since the engine replays the migrations into it.
 */
export async function diffMigrationsToSchema(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine = await createEngine(adapter, schema);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await loadMigrations()) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } finally {
    engine.free();
  }
}

/** The SQL that creates the whole schema from nothing (the first migration). */
export async function diffEmptyToSchema(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine = await createEngine(adapter, schema);
  try {
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
