// The one mapping from a thrown error to an HTTP response. AppError: its status, code,
// message and details. A database that is down or overloaded: 503 with Retry-After.
// Anything else is a bug: logged here, and the caller sees a generic 500 with no
// internal message.
import { AppError } from "./app-error";
import { isDatabaseBusyError, isDatabaseUnavailableError } from "./is-database-unavailable-error";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function toErrorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const appError = toAppError(error);
  // no-transform: an error body is small; compressing it is not worth the server's CPU.
  const responseHeaders: Record<string, string> = { "Cache-Control": "no-store, no-transform", ...headers, ...appError.headers };
  if (appError.retryAfter !== undefined) responseHeaders["Retry-After"] = String(Math.max(1, Math.ceil(appError.retryAfter)));
  return Response.json(
    { error: { code: appError.code, message: appError.message, details: appError.details } },
    { status: appError.status, headers: responseHeaders },
  );
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailableError(error)) {
    const busy = isDatabaseBusyError(error);
    return new AppError("service_unavailable", busy ? "The database is busy (a query ran out of time or waited too long for a lock); retry in a moment." : "The database is unavailable; retry later.", {
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      cause: error,
    });
  }
  console.error("logdeck: unexpected error", withoutBoundValues(error));
  return new AppError("internal_error", "Internal error.", { cause: error });
}

/**
 * The error as logged: PGlite's errors carry the statement's bound values (`params`), which
 * for an ingestion batch are every item's payload — megabytes, and data that belongs in
 * the database, not in logs. Those are left out; the message, code and stack stay.
 */
function withoutBoundValues(error: unknown): unknown {
  if (!(error instanceof Error) || !("params" in error)) return error;
  const copy = new Error(error.message, { cause: error.cause });
  copy.name = error.name;
  copy.stack = error.stack;
  for (const [key, value] of Object.entries(error)) {
    if (key === "params" || key === "queryOptions") continue;
    (copy as unknown as Record<string, unknown>)[key] = key === "query" && typeof value === "string" && value.length > 2_000 ? `${value.slice(0, 2_000)}…` : value;
  }
  return copy;
}
