// Gives every integration test file a fresh, migrated database of its own, copied from the
// run's template (test/integration-template.ts): an in-memory PGlite loaded from the
// template's dump, or a new database on the PostgreSQL server named by TEST_DATABASE_URL
// made with CREATE DATABASE … TEMPLATE. The code under test finds it the way production
// code does: DATABASE_URL, or (PGlite) the process's database set here.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, prisma, setDatabase } from "@/lib/db/client";

const engine = process.env.LOGDECK_TEST_ENGINE ?? "pglite";
const adminUrl = process.env.TEST_DATABASE_URL;
const template = inject("integrationTemplate");
let createdDatabase: string | undefined;

if (engine === "postgres") {
  if (!adminUrl) throw new Error("integration:postgres needs TEST_DATABASE_URL");
  createdDatabase = `logdeck_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${createdDatabase}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${createdDatabase}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
  setDatabase(openDatabase({ kind: "pglite", dataDir: "memory://", snapshot: new Blob([readFileSync(template)]) }));
}

// Opened before the tests (after the file's own settings): a first request must not pay
// for loading the engine, which timed tests (rate limits) would count.
beforeAll(async () => {
  await prisma().$queryRawUnsafe("SELECT 1");
});

afterAll(async () => {
  await closeDatabase();
  if (createdDatabase && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${createdDatabase}" WITH (FORCE)`);
    await admin.end();
  }
});
