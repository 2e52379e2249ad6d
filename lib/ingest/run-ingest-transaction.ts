import "server-only";
import { database, type SqlRunner } from "@/lib/db/client";

export type IngestTransaction = SqlRunner;

// Bounds on one ingest transaction, so a stuck database answers 503 instead of holding
// the request: the pg pool gives up on a connection after 5 s (lib/db/client.ts), and no
// statement may run past STATEMENT_TIMEOUT_MS (an ingest transaction is three statements).
const STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Runs `fn` in one transaction: everything it writes is committed together, or nothing.
 * On the driver directly rather than through Prisma's interactive transaction, which
 * cost 1.6× (a 500-row batch) to 4× (one error) the database's own time.
 */
export async function runIngestTransaction<T>(fn: (sql: IngestTransaction) => Promise<T>): Promise<T> {
  return database().transaction(fn, { statementTimeoutMs: STATEMENT_TIMEOUT_MS });
}
