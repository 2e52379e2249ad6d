// The errors view's time windows and their buckets (sparkline points, chart bars).
export const ERROR_WINDOWS = {
  "1h": { label: "1 h", ms: 3_600_000, bucketMs: 5 * 60_000 },
  "24h": { label: "24 h", ms: 24 * 3_600_000, bucketMs: 3_600_000 },
  "7d": { label: "7 d", ms: 7 * 24 * 3_600_000, bucketMs: 3_600_000 },
} as const;

export type ErrorWindow = keyof typeof ERROR_WINDOWS;

export function bucketCount(window: ErrorWindow): number {
  return ERROR_WINDOWS[window].ms / ERROR_WINDOWS[window].bucketMs;
}

/**
 * A window of the errors view: (since, until], cut into `buckets` buckets of `bucketMs`
 * ending at `until` (the chart's bars, the sparklines' points).
 */
export interface ErrorRange {
  since: Date;
  until: Date;
  bucketMs: number;
  buckets: number;
}

/** A preset window ending at `now`. */
export function errorRangeOf(window: ErrorWindow, now: Date): ErrorRange {
  const { ms, bucketMs } = ERROR_WINDOWS[window];
  return { since: new Date(now.getTime() - ms), until: now, bucketMs, buckets: bucketCount(window) };
}

const BUCKET_STEPS = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000];

/** An absolute window (since, until]: at most ~48 buckets of a round width, the last ending at `until`. */
export function customErrorRange(since: Date, until: Date): ErrorRange {
  const span = until.getTime() - since.getTime();
  const bucketMs = BUCKET_STEPS.find((step) => span / step <= 48) ?? Math.ceil(span / 48 / 86_400_000) * 86_400_000;
  return { since, until, bucketMs, buckets: Math.max(1, Math.ceil(span / bucketMs)) };
}
