// The per-key ingest rate limit, shared by every server instance on one database
// (rate-limiter-flexible: in PostgreSQL's ingest_rate_limits table; in memory on PGlite,
// which one process owns). A key may send `perSecond` requests in each second, and
// `burst` at once: the requests past a second's `perSecond` draw on an allowance of
// burst − perSecond that comes back every 10 × burst / perSecond seconds. Over a long
// flood a key averages at most 10% above `perSecond`.
import { BurstyRateLimiter, RateLimiterRes } from "rate-limiter-flexible";
import { database } from "@/lib/db/client";
import type { Database } from "@/lib/db/database";

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Limiter {
  consume(key: string): Promise<unknown>;
}

const TABLE = "ingest_rate_limits";

// One limiter per database and setting (the settings come from env, so in practice one).
const limiters = new WeakMap<Database, Map<string, Limiter>>();

function openIngestRateLimiter(db: Database, { perSecond, burst }: RateLimitOptions): Limiter {
  const steady = Math.min(perSecond, burst);
  // `steady` requests per steady/perSecond seconds (a second, unless burst < perSecond).
  const perWindow = db.openRateLimiter({ table: TABLE, keyPrefix: "ingest", points: steady, durationSeconds: steady / perSecond });
  if (burst <= steady) return perWindow;
  const extra = db.openRateLimiter({ table: TABLE, keyPrefix: "ingest-burst", points: burst - steady, durationSeconds: (10 * burst) / perSecond });
  return new BurstyRateLimiter(perWindow, extra);
}

/** Takes one request's token for `key` from `db`'s limiter (this process's database by default). */
export async function takeRateLimitToken(key: string, options: RateLimitOptions, db: Database = database()): Promise<RateLimitResult> {
  let byOptions = limiters.get(db);
  if (!byOptions) limiters.set(db, (byOptions = new Map()));
  const id = `${options.perSecond}/${options.burst}`;
  let limiter = byOptions.get(id);
  if (!limiter) byOptions.set(id, (limiter = openIngestRateLimiter(db, options)));
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (refusal) {
    // rate-limiter-flexible refuses with a RateLimiterRes; anything else is a failure
    // (on PostgreSQL its insurance limiter already stood in for an unreachable database).
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
  }
}

/** For tests: forget every limiter (and with them the counts kept in memory). */
export function resetRateLimits(): void {
  limiters.delete(database());
}
