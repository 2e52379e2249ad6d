// The errors view's time windows and their buckets (sparkline points, chart bars).
import { z } from "zod";

export const ERROR_WINDOWS = {
  "1h": { label: "1 h", ms: 3_600_000, bucketMs: 5 * 60_000 },
  "24h": { label: "24 h", ms: 24 * 3_600_000, bucketMs: 3_600_000 },
  "7d": { label: "7 d", ms: 7 * 24 * 3_600_000, bucketMs: 3_600_000 },
} as const;

export type ErrorWindow = keyof typeof ERROR_WINDOWS;

export const ZErrorWindowSchema = z.enum(["1h", "24h", "7d"]).catch("24h");

export function bucketCount(window: ErrorWindow): number {
  return ERROR_WINDOWS[window].ms / ERROR_WINDOWS[window].bucketMs;
}
