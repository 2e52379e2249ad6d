import "server-only";
// Fixed-window counters shared by every instance, in `limit_counters`, a table nothing but
// this module writes or prunes (better-auth prunes its own rate_limits table to its 60 s
// window, which once took the 15-minute sign-in lockouts with it). Every call takes `now`,
// so tests drive the clock. Each is one autocommitted statement on the database's
// statement() pool, not Prisma's: page queries stuck on a locked table cannot keep a
// sign-in or an ingest request from being counted.
import { database } from "@/lib/db/client";

export interface LimitCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the current window ends. */
  resetsAt: Date;
}

/**
 * Counts one attempt against `key` in a fixed window. One INSERT … ON CONFLICT statement,
 * so concurrent attempts (other requests, other instances) never lose a count.
 */
export async function consumeLimitCounter({ key, windowMs, now = new Date(), by = 1 }: { key: string; windowMs: number; now?: Date; by?: number }): Promise<LimitCount> {
  const nowMs = now.getTime();
  const rows = await database().statement<{ count: number | string; window_start_ms: number | string | bigint }>(
    `INSERT INTO limit_counters (key, count, window_start_ms) VALUES ($1, $2::int, $3::bigint)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN limit_counters.window_start_ms <= $4::bigint THEN $2::int ELSE limit_counters.count + $2::int END,
       window_start_ms = CASE WHEN limit_counters.window_start_ms <= $4::bigint THEN $3::bigint ELSE limit_counters.window_start_ms END
     RETURNING count, window_start_ms`,
    [key, by, String(nowMs), String(nowMs - windowMs)],
    { name: "logdeck_consume_limit_counter" },
  );
  const row = rows[0]!;
  return { count: Number(row.count), resetsAt: new Date(Number(row.window_start_ms) + windowMs) };
}

/** Takes one attempt back (a sign-in that succeeded), never below zero. */
export async function refundLimitCounter({ key }: { key: string }): Promise<void> {
  await database().statement(`UPDATE limit_counters SET count = count - 1 WHERE key = $1 AND count > 0`, [key]);
}

/** Forgets every attempt against `key`. */
export async function resetLimitCounter({ key }: { key: string }): Promise<void> {
  await database().statement(`DELETE FROM limit_counters WHERE key = $1`, [key]);
}

/** Deletes the counters under `prefix` whose window ended: keys typed once must not pile up. */
export async function pruneLimitCounters({ prefix, windowMs, now = new Date() }: { prefix: string; windowMs: number; now?: Date }): Promise<number> {
  const rows = await database().statement<{ n: number | string }>(
    `WITH gone AS (DELETE FROM limit_counters WHERE key LIKE $1 AND window_start_ms <= $2::bigint RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [`${prefix.replace(/[\\%_]/g, "\\$&")}%`, String(now.getTime() - windowMs)],
  );
  return Number(rows[0]?.n ?? 0);
}
