import { describe, expect, it } from "vitest";
import { isDatabaseUnavailableError } from "./is-database-unavailable-error";

// Shapes observed from Prisma 7 + @prisma/adapter-pg against a stopped, saturated or
// refusing PostgreSQL 15 (see lib/ingest/ingest-config.integration.test.ts).
const adapterError = (cause: object, code = "P2010") => Object.assign(new Error("x"), { code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("isDatabaseUnavailableError", () => {
  it.each([
    ["server not reachable", adapterError({ kind: "DatabaseNotReachable", host: "h", port: 1 })],
    ["pool timeout (raw pg)", new Error("timeout exceeded when trying to connect")],
    ["statement timeout", adapterError({ kind: "postgres", code: "57014", originalCode: "57014", severity: "ERROR" })],
    ["database refusing connections", adapterError({ kind: "postgres", code: "55000", originalCode: "55000", severity: "FATAL" }, "P2039")],
    ["disk full", adapterError({ kind: "postgres", code: "53100", originalCode: "53100", severity: "ERROR" })],
    ["deadlock", adapterError({ kind: "postgres", code: "40P01", originalCode: "40P01", severity: "ERROR" })],
    ["transaction timeout", Object.assign(new Error("timeout"), { code: "P2028" })],
    ["ECONNREFUSED", Object.assign(new Error("connect"), { code: "ECONNREFUSED" })],
  ])("%s is", (_, error) => expect(isDatabaseUnavailableError(error)).toBe(true));

  it.each([
    ["a unique violation", adapterError({ kind: "postgres", code: "23505", originalCode: "23505", severity: "ERROR" })],
    ["a type error", new TypeError("x is undefined")],
    ["a string", "boom"],
    ["null", null],
  ])("%s is not", (_, error) => expect(isDatabaseUnavailableError(error)).toBe(false));
});
