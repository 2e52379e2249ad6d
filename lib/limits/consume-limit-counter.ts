import "server-only";
// Fixed-window counters shared by every instance, in `limit_counters`, a table nothing but
// this module writes or prunes (better-auth prunes its own rate_limits table to its 60 s
// window, which once took the 15-minute sign-in lockouts with it). Every call takes `now`,
// so tests drive the clock.
import { prisma } from "@/lib/db/client";

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
  const nowMs = BigInt(now.getTime());
  const expiredBefore = nowMs - BigInt(windowMs);
  const rows = await prisma().$queryRaw<{ count: number; window_start_ms: bigint }[]>`
    INSERT INTO limit_counters (key, count, window_start_ms) VALUES (${key}, ${by}, ${nowMs})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN limit_counters.window_start_ms <= ${expiredBefore} THEN ${by} ELSE limit_counters.count + ${by} END,
      window_start_ms = CASE WHEN limit_counters.window_start_ms <= ${expiredBefore} THEN ${nowMs} ELSE limit_counters.window_start_ms END
    RETURNING count, window_start_ms`;
  const row = rows[0]!;
  return { count: Number(row.count), resetsAt: new Date(Number(row.window_start_ms) + windowMs) };
}

/** The count in `key`'s current window without adding to it (0 when none). */
export async function peekLimitCounter({ key, windowMs, now = new Date() }: { key: string; windowMs: number; now?: Date }): Promise<LimitCount> {
  const rows = await prisma().$queryRaw<{ count: number; window_start_ms: bigint }[]>`
    SELECT count, window_start_ms FROM limit_counters WHERE key = ${key} AND window_start_ms > ${BigInt(now.getTime() - windowMs)}`;
  const row = rows[0];
  return row ? { count: Number(row.count), resetsAt: new Date(Number(row.window_start_ms) + windowMs) } : { count: 0, resetsAt: now };
}

/** Takes one attempt back (a sign-in that succeeded), never below zero. */
export async function refundLimitCounter({ key }: { key: string }): Promise<void> {
  await prisma().$executeRaw`UPDATE limit_counters SET count = count - 1 WHERE key = ${key} AND count > 0`;
}

/** Forgets every attempt against `key`. */
export async function resetLimitCounter({ key }: { key: string }): Promise<void> {
  await prisma().$executeRaw`DELETE FROM limit_counters WHERE key = ${key}`;
}

/** Deletes the counters under `prefix` whose window ended: keys typed once must not pile up. */
export async function pruneLimitCounters({ prefix, windowMs, now = new Date() }: { prefix: string; windowMs: number; now?: Date }): Promise<number> {
  const expiredBefore = BigInt(now.getTime() - windowMs);
  return prisma().$executeRaw`DELETE FROM limit_counters WHERE key LIKE ${`${prefix}%`} AND window_start_ms <= ${expiredBefore}`;
}
