import "server-only";
import { database } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";

/** How long one explorer statement may run before the server cancels it. */
export const SEARCH_STATEMENT_TIMEOUT_MS = 8_000;

/** A search cancelled by its statement timeout: the page says what to narrow. */
export class SearchTimeoutError extends AppError {
  constructor() {
    super("request_timeout", "The search took too long and was stopped. Try a shorter time range, or add a field term (type:, run:, project:) to narrow it.");
    this.name = "SearchTimeoutError";
  }
}

const isTimeout = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "57014";

/**
 * Runs one explorer statement on the driver, bounded by a statement timeout (set in its
 * own transaction, so other work on the pool keeps its own bounds). 57014 becomes a
 * SearchTimeoutError.
 */
export async function runSearchStatement<R extends Record<string, unknown>>(sql: Prisma.Sql, timeoutMs = SEARCH_STATEMENT_TIMEOUT_MS): Promise<R[]> {
  try {
    return await database().transaction(async (run) => (await run<R>(sql.text, sql.values)).rows, { statementTimeoutMs: timeoutMs });
  } catch (error) {
    if (isTimeout(error)) throw new SearchTimeoutError();
    throw error;
  }
}
