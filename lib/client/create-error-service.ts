// The frontend ErrorService: every reported error gets a traceId (shown to the user, so
// support can paste it into logdeck) and is sent at once to POST /api/errors, retried
// until stored. Dependency-free.
import { postWithRetry, type TransportOptions } from "./post-with-retry";
import { timeOrderedId } from "./time-ordered-id";

export interface ErrorServiceOptions extends TransportOptions {
  /** Where logdeck is served, e.g. "https://logdeck.example.com". */
  baseUrl: string;
  /** An ingest key (INGEST_KEYS, or made in the dashboard). */
  ingestKey: string;
  projectId?: string;
  /** Called when an error could not be stored after every retry. Default: console.warn. */
  onDeliveryFailure?: (error: unknown) => void;
}

export interface ErrorReport {
  errorType: string;
  message: string;
  stack?: string;
  detail?: unknown;
  severity?: "warning" | "error" | "critical";
  runId?: string;
  endpoint?: string;
  /** Reuse a traceId to group several errors; default: a new one. */
  traceId?: string;
}

export interface ErrorService {
  /** Sends the error; resolves with its traceId at once, delivery continues in the background. */
  report(report: ErrorReport): { traceId: string; delivered: Promise<boolean> };
  /** Report a thrown value (Error or anything), as errorType `name`. */
  captureException(error: unknown, context?: Omit<ErrorReport, "message" | "stack">): { traceId: string; delivered: Promise<boolean> };
}

export function createErrorService(options: ErrorServiceOptions): ErrorService {
  const url = `${options.baseUrl.replace(/\/$/, "")}/api/errors`;
  const onFailure = options.onDeliveryFailure ?? ((error: unknown) => console.warn("logdeck: an error report was not delivered", error));

  function report(input: ErrorReport) {
    const traceId = input.traceId ?? crypto.randomUUID();
    // The item's own id makes every retry of this report idempotent on the server.
    const { id, ms } = timeOrderedId();
    const item = { id, traceId, projectId: options.projectId, createdAt: new Date(ms).toISOString(), ...input, ...(input.traceId ? {} : { traceId }) };
    const delivered = postWithRetry(url, options.ingestKey, item, options).then(
      () => true,
      (error) => {
        onFailure(error);
        return false;
      },
    );
    return { traceId, delivered };
  }

  return {
    report,
    captureException(error, context = { errorType: "UNHANDLED_ERROR" }) {
      const isError = error instanceof Error;
      return report({ ...context, errorType: context.errorType ?? (isError ? error.name : "UNHANDLED_ERROR"), message: isError ? error.message : String(error), stack: isError ? error.stack : undefined });
    },
  };
}
