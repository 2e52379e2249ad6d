import "server-only";
// Failed ingest-key checks, throttled per client address (rate-limiter-flexible's memory
// store, per process). An unknown key costs a database lookup — 2,000 random keys cost
// ~2,200 transactions — and the per-key rate limit cannot count keys that do not exist.
// Past INGEST_KEY_FAILURES_PER_MINUTE failed keys from one address, that address's keys
// are checked against this process's cache only (known keys keep working, the database
// is not asked) until its minute is over; anything else is a 429 with Retry-After.
import { RateLimiterMemory } from "rate-limiter-flexible";
import { clientAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { authenticateIngestKey, type IngestKeyIdentity } from "./authenticate-ingest-key";

const WINDOW_SECONDS = 60;

const holder = globalThis as unknown as { __logdeckKeyFailures?: { limiter: RateLimiterMemory; points: number } };

function limiter(): { limiter: RateLimiterMemory; points: number } {
  const points = env().INGEST_KEY_FAILURES_PER_MINUTE;
  if (holder.__logdeckKeyFailures?.points !== points) {
    holder.__logdeckKeyFailures = { limiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: "ingest-key-failures" }), points };
  }
  return holder.__logdeckKeyFailures;
}

/**
 * The key's identity, as authenticateIngestKey gives it, with failures counted against the
 * caller's address: null for a missing or refused key (401), a 429 AppError while the
 * address is over its budget and the key is not one this process already knows.
 */
export async function authenticateIngestKeyThrottled({ key, request, now = new Date() }: { key: string | null | undefined; request: Request; now?: Date }): Promise<IngestKeyIdentity | null> {
  if (!key) return null;
  const { address, failures, throttled } = await failureState(request);
  const identity = await authenticateIngestKey({ key, now, cachedOnly: throttled !== null });
  if (identity) return identity;
  if (throttled) throw throttled;
  await failures.penalty(address, 1);
  return null;
}

/**
 * The 429 authenticateIngestKeyThrottled would throw for `key` now, decided without the
 * database and without counting a failure: for the server's front gate
 * (lib/ingest/ingest-front-gate.ts). Null when the route should decide.
 */
export async function throttledKeyRefusal({ key, request, now = new Date() }: { key: string | null | undefined; request: Request; now?: Date }): Promise<AppError | null> {
  if (!key) return null;
  const { throttled } = await failureState(request);
  if (!throttled || (await authenticateIngestKey({ key, now, cachedOnly: true }))) return null;
  return throttled;
}

/** The caller's address, its failure counter, and the 429 it gets while over its budget (else null). */
async function failureState(request: Request): Promise<{ address: string; failures: RateLimiterMemory; throttled: AppError | null }> {
  const address = clientAddress({ headers: request.headers, trustedProxies: env().TRUST_PROXY }) ?? "unknown";
  const { limiter: failures, points } = limiter();
  const state = await failures.get(address);
  if (state === null || state.consumedPoints < points) return { address, failures, throttled: null };
  const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  const throttled = new AppError("rate_limited", `Too many requests with unknown ingest keys from this address (INGEST_KEY_FAILURES_PER_MINUTE=${points}); retry after ${retryAfter} s with a valid key.`, {
    retryAfter,
  });
  return { address, failures, throttled };
}

/** For tests: forget every address's failures. */
export function resetKeyFailureThrottle(): void {
  holder.__logdeckKeyFailures = undefined;
}
