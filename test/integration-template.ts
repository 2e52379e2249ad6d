// Vitest globalSetup of the integration projects: the migrations run ONCE per run, into a
// template every test file's database is copied from (test/setup-integration.ts), rather
// than once per file through the WASM schema engine.
// - PostgreSQL: a database migrated here, copied with CREATE DATABASE … TEMPLATE.
// - PGlite: an in-memory database migrated here and dumped (dumpDataDir) to a file,
//   loaded into each file's in-memory database.
// Made per run, removed at its end: the migrations' partitions are the weeks around now.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL: the template database's name. PGlite: the dumped data directory's path. */
    integrationTemplate: string;
  }
}

// The projects' global setups may run at once in this one process, and Prisma's WASM schema
// engine is one instance per process that two migrations at once corrupt: one at a time.
const queue = globalThis as unknown as { __logdeckTemplateQueue?: Promise<unknown> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const previous = queue.__logdeckTemplateQueue ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(() => makeTemplate(project));
  queue.__logdeckTemplateQueue = mine;
  return mine;
}

async function makeTemplate(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.env.LOGDECK_TEST_ENGINE ?? "pglite";
  if (engine === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("integration:postgres needs TEST_DATABASE_URL");
    const name = `logdeck_template_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = openDatabase({ kind: "postgres", url: url.toString() });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    project.provide("integrationTemplate", name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const db = openDatabase({ kind: "pglite", dataDir: "memory://" });
  const dir = mkdtempSync(path.join(tmpdir(), "logdeck-template-"));
  const file = path.join(dir, "pgdata.tar");
  try {
    await migrate(db);
    writeFileSync(file, Buffer.from(await (await db.snapshot!()).arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide("integrationTemplate", file);
  return async () => rmSync(dir, { recursive: true, force: true });
}
