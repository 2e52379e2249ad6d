// The per-key ingest rate limit, shared by every server instance on one database
// (rate-limiter-flexible: in PostgreSQL's ingest_rate_limits table; in memory on PGlite,
// which one process owns). A key may send `perSecond` requests in each second, and
// `burst` at once: the requests past a second's `perSecond` draw on an allowance of
// burst − perSecond that comes back every 10 × burst / perSecond seconds. Over a long
// flood a key averages at most 10% above `perSecond`.
//
// The two windows are combined here rather than by the library's BurstyRateLimiter, and a
// refusal is told from a failure as the library's documentation does (a failure is an
// Error, a refusal is not), never by `instanceof RateLimiterRes`: the limiters come from
// this process's Database, which the first request's bundle opened (lib/db/client.ts keeps
// it on globalThis), and a Next build gives each server layer its own copy of a bundled
// package, so their RateLimiterRes need not be this module's. That mismatch answered a
// key's first request over `perSecond` with a 500 instead of drawing on its burst.
import { database } from "@/lib/db/client";
import type { Database, RateLimiterStore } from "@/lib/db/database";

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Limiter {
  perWindow: RateLimiterStore;
  /** The allowance past perWindow; absent when burst ≤ perSecond. */
  extra?: RateLimiterStore;
}

const TABLE = "ingest_rate_limits";

// One limiter per database and setting (the settings come from env, so in practice one).
const limiters = new WeakMap<Database, Map<string, Limiter>>();

function openIngestRateLimiter(db: Database, { perSecond, burst }: RateLimitOptions): Limiter {
  const steady = Math.min(perSecond, burst);
  // `steady` requests per steady/perSecond seconds (a second, unless burst < perSecond).
  const perWindow = db.openRateLimiter({ table: TABLE, keyPrefix: "ingest", points: steady, durationSeconds: steady / perSecond });
  if (burst <= steady) return { perWindow };
  return { perWindow, extra: db.openRateLimiter({ table: TABLE, keyPrefix: "ingest-burst", points: burst - steady, durationSeconds: (10 * burst) / perSecond }) };
}

/** One point of `key` from `store`: allowed, or refused with the milliseconds until it has one again. A store failure is thrown. */
async function consume(store: RateLimiterStore, key: string): Promise<{ allowed: true } | { allowed: false; msBeforeNext: number }> {
  try {
    await store.consume(key);
    return { allowed: true };
  } catch (refusal) {
    // rate-limiter-flexible rejects with an Error when its store fails (on PostgreSQL its
    // insurance limiter has already stood in for an unreachable database), and with a
    // RateLimiterRes, whose msBeforeNext says when to retry, when the key is over.
    if (refusal instanceof Error || typeof (refusal as { msBeforeNext?: unknown })?.msBeforeNext !== "number") throw refusal;
    return { allowed: false, msBeforeNext: (refusal as { msBeforeNext: number }).msBeforeNext };
  }
}

/** Takes one request's token for `key` from `limiter`: its window first, then its burst allowance. */
export async function takeFrom(limiter: Limiter, key: string): Promise<RateLimitResult> {
  const steady = await consume(limiter.perWindow, key);
  if (steady.allowed) return steady;
  const extra = limiter.extra ? await consume(limiter.extra, key) : steady;
  if (extra.allowed) return extra;
  // The sooner of the two: the window's next second, or the allowance's next point.
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.min(steady.msBeforeNext, extra.msBeforeNext) / 1000)) };
}

/** Takes one request's token for `key` from `db`'s limiter (this process's database by default). */
export async function takeRateLimitToken(key: string, options: RateLimitOptions, db: Database = database()): Promise<RateLimitResult> {
  let byOptions = limiters.get(db);
  if (!byOptions) limiters.set(db, (byOptions = new Map()));
  const id = `${options.perSecond}/${options.burst}`;
  let limiter = byOptions.get(id);
  if (!limiter) byOptions.set(id, (limiter = openIngestRateLimiter(db, options)));
  return takeFrom(limiter, key);
}

/** For tests: forget every limiter (and with them the counts kept in memory). */
export function resetRateLimits(): void {
  limiters.delete(database());
}
