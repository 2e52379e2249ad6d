import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sqlStatements } from "./sql-statements";

describe("sqlStatements", () => {
  it("splits on semicolons outside quotes, dollar quotes and comments, without leading comments", () => {
    const sql = `-- a comment; with a semicolon
CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');
/* block; comment */ DO $$ BEGIN PERFORM 1; END $$;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN NULL; -- inside
END
$fn$;
-- trailing comment only`;
    expect(sqlStatements(sql)).toEqual([
      `CREATE TABLE "a;b" (x text DEFAULT 'it''s; here')`,
      `/* block; comment */ DO $$ BEGIN PERFORM 1; END $$`,
      `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN NULL; -- inside\nEND\n$fn$`,
    ]);
  });

  it("reads the partitioning migration as the statements it is made of", () => {
    const statements = sqlStatements(readFileSync("prisma/migrations/20261207100000_partitioned_logs/migration.sql", "utf8"));
    expect(statements.filter((s) => s.startsWith("CREATE FUNCTION"))).toHaveLength(3);
    expect(statements.filter((s) => s.startsWith("CREATE TRIGGER"))).toHaveLength(6);
    expect(statements.filter((s) => s.startsWith("DO $$"))).toHaveLength(1);
  });
});
