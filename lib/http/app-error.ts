// The one error type route handlers throw. `toErrorResponse` (./to-error-response.ts)
// turns it, and anything else thrown, into the one error body shape:
// {"error": {"code": "…", "message": "…", "details": […]}}.

/** Every code a client may see, and the HTTP status it is sent with. */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_encoding: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/** One entry of `details`: where the problem is (item index, field) and what it is. */
export interface AppErrorDetail {
  /** Index of the offending item in a batch (0 for a single item), when there is one. */
  index?: number;
  /** Dotted path of the offending field, e.g. `payload.user.name` or `traceId`. */
  field?: string;
  message: string;
  /** The limit exceeded, named as its environment variable, when a limit is the cause. */
  limit?: string;
}

export interface AppErrorOptions {
  details?: AppErrorDetail[];
  /** Seconds, sent as `Retry-After` (429, 503). */
  retryAfter?: number;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetail[];
  readonly retryAfter?: number;
  readonly headers: Record<string, string>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details ?? [];
    this.retryAfter = options.retryAfter;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}
