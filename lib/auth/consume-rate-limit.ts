import "server-only";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";

export interface RateLimitCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the current window ends. */
  resetsAt: Date;
}

/**
 * Counts one attempt against `key` in a fixed window, in `rate_limits` so every instance
 * shares it. One INSERT … ON CONFLICT statement, so concurrent attempts (other requests,
 * other instances) never lose a count. For these keys `last_request` holds the window's
 * start. (better-auth's own limiter shares the table with keys of its own shape.)
 */
export async function consumeRateLimit({ key, windowMs, now = new Date() }: { key: string; windowMs: number; now?: Date }): Promise<RateLimitCount> {
  const nowMs = BigInt(now.getTime());
  const expiredBefore = nowMs - BigInt(windowMs);
  const rows = await prisma().$queryRaw<{ count: number; last_request: bigint }[]>`
    INSERT INTO rate_limits (id, key, count, last_request) VALUES (${newId()}, ${key}, 1, ${nowMs})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.last_request <= ${expiredBefore} THEN 1 ELSE rate_limits.count + 1 END,
      last_request = CASE WHEN rate_limits.last_request <= ${expiredBefore} THEN ${nowMs} ELSE rate_limits.last_request END
    RETURNING count, last_request`;
  const row = rows[0]!;
  return { count: Number(row.count), resetsAt: new Date(Number(row.last_request) + windowMs) };
}

/** Takes one attempt back (a sign-in that succeeded), never below zero. */
export async function refundRateLimit({ key }: { key: string }): Promise<void> {
  await prisma().$executeRaw`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND count > 0`;
}

/** Forgets every attempt against `key`. */
export async function resetRateLimit({ key }: { key: string }): Promise<void> {
  await prisma().rateLimit.deleteMany({ where: { key } });
}

/** Deletes the counts under `prefix` whose window ended: keys typed once must not pile up. */
export async function pruneRateLimits({ prefix, windowMs, now = new Date() }: { prefix: string; windowMs: number; now?: Date }): Promise<number> {
  const expiredBefore = BigInt(now.getTime() - windowMs);
  return prisma().$executeRaw`DELETE FROM rate_limits WHERE key LIKE ${`${prefix}%`} AND last_request <= ${expiredBefore}`;
}
