// A per-key token bucket, in this process's memory: each key may send `burst` requests
// at once and `perSecond` a second after that. Behind a load balancer each instance
// counts alone, so the effective limit is per instance; a shared limiter (Redis) would
// replace this one function.

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  now?: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 10_000;
const buckets = new Map<string, Bucket>();

export function takeRateLimitToken(key: string, { perSecond, burst, now = Date.now() }: RateLimitOptions): RateLimitResult {
  let bucket = buckets.get(key);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) forgetFullBuckets(perSecond, burst, now);
    bucket = { tokens: burst, updatedAt: now };
    buckets.set(key, bucket);
  } else {
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
}

/** A bucket that has refilled completely holds no state worth keeping. */
function forgetFullBuckets(perSecond: number, burst: number, now: number): void {
  for (const [key, bucket] of buckets) {
    if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond >= burst) buckets.delete(key);
  }
}

/** For tests: forget every bucket. */
export function resetRateLimits(): void {
  buckets.clear();
}
