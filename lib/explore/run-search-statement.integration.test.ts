// A search that runs too long is stopped by the server and says what to narrow.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { runSearchStatement, SearchTimeoutError } from "./run-search-statement";

// PGlite (WebAssembly, one session, no timer signals) does not enforce statement_timeout:
// a search there runs to the end. Measured: pg_sleep(2) with a 100 ms timeout returned.
const onPostgres = process.env.LOGDECK_TEST_ENGINE === "postgres";

describe("runSearchStatement", () => {
  it.runIf(onPostgres)("cuts a statement at its timeout with a message that says to narrow the range", async () => {
    const error = await runSearchStatement(Prisma.sql`SELECT pg_sleep(2)`, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTimeoutError);
    expect((error as SearchTimeoutError).message).toBe("The search took too long and was stopped. Try a shorter time range, or add a field term (type:, run:, project:) to narrow it.");
    // The connection is fine afterwards.
    expect(await runSearchStatement<{ n: number }>(Prisma.sql`SELECT 1::int AS n`)).toEqual([{ n: 1 }]);
  });
});
