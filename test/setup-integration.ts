// Gives every integration test file a fresh, migrated database of its own: an in-memory
// PGlite, or a new database on the PostgreSQL server named by TEST_DATABASE_URL. The
// code under test finds it the way production code does, through DATABASE_URL/DATA_DIR.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

const engine = process.env.LOGDECK_TEST_ENGINE ?? "pglite";
const adminUrl = process.env.TEST_DATABASE_URL;
let createdDatabase: string | undefined;

if (engine === "postgres") {
  if (!adminUrl) throw new Error("integration:postgres needs TEST_DATABASE_URL");
  createdDatabase = `logdeck_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${createdDatabase}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${createdDatabase}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
}

beforeAll(async () => {
  const { migrate } = await import("@/lib/db/migrate");
  await migrate();
});

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db/client");
  await closeDatabase();
  if (createdDatabase && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${createdDatabase}" WITH (FORCE)`);
    await admin.end();
  }
});
