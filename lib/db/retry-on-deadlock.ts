// Runs a statement (or transaction) again when PostgreSQL chose it as a deadlock's victim
// (SQLSTATE 40P01). Two ingestion requests creating the same new project and run, and the
// run-activity update of a third, can take their row locks in orders that cross; the
// victim is rolled back whole, and every statement retried through this is atomic and
// idempotent (ids are claimed once, activity only moves forward), so running it again is
// safe. Without it the client got a 503 for a request nothing was wrong with.

import { hasSqlState } from "@/lib/http/is-database-unavailable-error";

/** Attempts in all; a fourth deadlock in a row is reported (as a busy database: 503). */
const ATTEMPTS = 4;

export function isDeadlockError(error: unknown): boolean {
  return hasSqlState(error, /^40P01$/);
}

export async function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isDeadlockError(error)) throw error;
      // A few ms, varied, so the two sides do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
