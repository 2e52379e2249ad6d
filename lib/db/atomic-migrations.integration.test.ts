import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "./client";
import { migrate } from "./migrate";
import { MIGRATIONS_DIR } from "./schema-engine";

// prisma/migrations plus migrations written here, applied to this file's database (the
// real ones are already applied, so only the new ones run).
let dir: string;

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function tableExists(name: string): Promise<boolean> {
  const [row] = await prisma().$queryRaw<{ found: string | null }[]>`SELECT to_regclass(${name})::text AS found`;
  return row!.found !== null;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "logdeck-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a migration", () => {
  it("with a DO $$ … $$ block and ';' inside strings applies whole", async () => {
    await addMigration(
      "20990101000000_semicolons",
      `CREATE TABLE "probe_semicolons" ("v" TEXT NOT NULL);
-- a comment; with a semicolon
DO $$
BEGIN
  INSERT INTO "probe_semicolons" VALUES ('inside; a DO block');
  IF NOT EXISTS (SELECT 1 FROM "probe_semicolons" WHERE "v" = 'x;y') THEN
    INSERT INTO "probe_semicolons" VALUES ('x;y');
  END IF;
END
$$;
CREATE FUNCTION "probe_fn"() RETURNS TEXT LANGUAGE plpgsql AS $fn$ BEGIN RETURN 'a;b'; END; $fn$;
INSERT INTO "probe_semicolons" SELECT "probe_fn"();
`,
    );
    expect(await migrate(undefined, dir)).toEqual(["20990101000000_semicolons"]);
    const rows = await prisma().$queryRaw<{ v: string }[]>`SELECT "v" FROM "probe_semicolons" ORDER BY "v"`;
    expect(rows.map((row) => row.v)).toEqual(["a;b", "inside; a DO block", "x;y"]);
  });

  it("that fails part-way leaves nothing behind and is not recorded as applied", async () => {
    await addMigration(
      "20990102000000_fails",
      `CREATE TABLE "probe_half" ("v" INTEGER NOT NULL);
INSERT INTO "probe_half" VALUES (1);
ALTER TABLE "probe_semicolons" ADD COLUMN "w" TEXT;
SELECT 1 / 0;
`,
    );
    await expect(migrate(undefined, dir)).rejects.toThrow(/division by zero/);
    expect(await tableExists("probe_half")).toBe(false);
    const columns = await prisma().$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'probe_semicolons' ORDER BY column_name`;
    expect(columns.map((c) => c.column_name)).toEqual(["v"]);
    const recorded = await prisma().$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name LIKE '2099%' ORDER BY migration_name`;
    expect(recorded.filter((row) => row.finished_at !== null).map((row) => row.migration_name)).toEqual(["20990101000000_semicolons"]);
  });

  it("that failed is retried by the next migrate, and applies once fixed", async () => {
    await expect(migrate(undefined, dir)).rejects.toThrow(/division by zero/);
    await writeFile(path.join(dir, "20990102000000_fails", "migration.sql"), `CREATE TABLE "probe_half" ("v" INTEGER NOT NULL);\n`);
    expect(await migrate(undefined, dir)).toEqual(["20990102000000_fails"]);
    expect(await tableExists("probe_half")).toBe(true);
    expect(await migrate(undefined, dir)).toEqual([]);
  });
});
