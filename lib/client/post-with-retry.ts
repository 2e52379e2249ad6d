// One POST to the ingestion API, retried the way the server asks: 429 and 503 (and a
// proxy's 502/504, and network failures) are retried with exponential backoff and full
// jitter, never sooner than Retry-After; every other refusal is final. The body is sent
// unchanged on every attempt — its items carry their ids — so a retry of a request the
// server did store stores nothing twice.
// Dependency-free: runs in browsers and in Node 18+.
import { toJson } from "./to-json";

export interface RetryOptions {
  /** Attempts after the first. Default 5. */
  maxRetries?: number;
  /** Backoff before retry n is random(0, min(maxDelayMs, baseDelayMs · 2^n)). Defaults 500 and 30,000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * How long one attempt may wait for its answer before it counts as a network failure
   * (and is retried). Default 30,000. A request can go unanswered without a reset: one a
   * server's supervisor handed to a worker that was killed before taking it (docs/scaling.md).
   */
  timeoutMs?: number;
}

export interface TransportOptions extends RetryOptions {
  fetch?: typeof fetch;
  /** For tests: how to wait, and where randomness comes from. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class IngestRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "IngestRequestError";
  }
}

const RETRYABLE = new Set([408, 429, 502, 503, 504]);

export function computeBackoffMs(attempt: number, { baseDelayMs = 500, maxDelayMs = 30_000 }: RetryOptions, random: () => number, retryAfterSeconds?: number): number {
  const jittered = Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
  return retryAfterSeconds === undefined ? jittered : Math.max(retryAfterSeconds * 1000, jittered);
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * POSTs `body` as JSON (bigints written as the integers they are) with the key as a
 * Bearer token; the ids the server answers with.
 */
export async function postWithRetry(url: string, key: string, body: unknown, options: TransportOptions = {}): Promise<string[]> {
  return postJsonWithRetry(url, key, toJson(body), options);
}

/** postWithRetry for a body that is JSON text already. */
export async function postJsonWithRetry(url: string, key: string, json: string, options: TransportOptions = {}): Promise<string[]> {
  const answer = await sendJsonWithRetry("POST", url, key, json, options);
  return (answer as { ids?: string[] } | null)?.ids ?? [];
}

/**
 * Sends JSON text with `method` (POST, or PATCH for a run's or project's state, which is
 * idempotent and so as safe to retry), retried as postWithRetry is; the answer's body.
 */
export async function sendJsonWithRetry(method: "POST" | "PATCH", url: string, key: string, json: string, options: TransportOptions = {}): Promise<unknown> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;

  for (let attempt = 0; ; attempt++) {
    let retryAfter: number | undefined;
    let failure: IngestRequestError;
    try {
      const response = await doFetch(url, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: json,
        keepalive: json.length < 60_000,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.json().catch(() => null);
      if (response.ok) return answer;
      const message = (answer as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
      failure = new IngestRequestError(message, response.status, answer);
      if (!RETRYABLE.has(response.status)) throw failure;
      retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      if (error instanceof IngestRequestError && !RETRYABLE.has(error.status ?? 0)) throw error;
      failure = error instanceof IngestRequestError ? error : new IngestRequestError(`network failure: ${(error as Error)?.message ?? error}`, null, null);
    }
    if (attempt >= maxRetries) throw failure;
    await sleep(computeBackoffMs(attempt, options, random, retryAfter));
  }
}
