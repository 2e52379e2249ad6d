import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type IngestTransaction = Prisma.TransactionClient;

// Bounds on one ingest transaction, so a stuck database answers 503 instead of holding
// the request: the pg pool gives up on a connection after 5 s (lib/db/client.ts), no
// statement may run past STATEMENT_TIMEOUT_MS, nor the whole transaction past TIMEOUT_MS.
const MAX_WAIT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 10_000;
const TIMEOUT_MS = 15_000;

/** Runs `fn` in one transaction: everything it writes is committed together, or nothing. */
export async function runIngestTransaction<T>(fn: (tx: IngestTransaction) => Promise<T>): Promise<T> {
  return prisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(STATEMENT_TIMEOUT_MS)}, true)`;
      return fn(tx);
    },
    { maxWait: MAX_WAIT_MS, timeout: TIMEOUT_MS },
  );
}
