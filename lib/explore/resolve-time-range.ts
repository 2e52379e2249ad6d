// A time range as the explorer shows and queries it: a preset (the last 15 min … 30 d,
// or everything retained) or an absolute from/to. Every read is bounded by it, so a
// query never scans outside it (and partitions outside it are pruned).
import type { RangePreset } from "./explore-url";

const MINUTE = 60_000;
const PRESET_MS: Record<Exclude<RangePreset, "all">, number> = { "15m": 15 * MINUTE, "1h": 60 * MINUTE, "24h": 1440 * MINUTE, "7d": 7 * 1440 * MINUTE, "30d": 30 * 1440 * MINUTE };

export interface TimeRange {
  from: Date;
  to: Date;
  /** The preset it came from, or null for an absolute range. */
  preset: RangePreset | null;
}

/**
 * The range a URL asks for at `now`. `retainedDays` bounds "everything retained" (the
 * longer of the two retention periods). An absolute range needs both ends, `from` before
 * `to`; anything else falls back to the preset.
 */
export function resolveTimeRange({ range, from, to, now, retainedDays }: { range: RangePreset; from: Date | null; to: Date | null; now: Date; retainedDays: number }): TimeRange {
  if (from && to && from.getTime() < to.getTime()) return { from, to, preset: null };
  const span = range === "all" ? retainedDays * 1440 * MINUTE : PRESET_MS[range];
  // Exclusive end a millisecond after now, so a row written this millisecond is in.
  const end = new Date(now.getTime() + 1);
  return { from: new Date(end.getTime() - span), to: end, preset: range };
}

/** A bucket width for about `target` bars across the range: a round step (1 s … 1 d). */
export function histogramBucketMs(range: { from: Date; to: Date }, target = 60): number {
  const span = range.to.getTime() - range.from.getTime();
  const steps = [1_000, 5_000, 15_000, 30_000, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 3 * 60 * MINUTE, 6 * 60 * MINUTE, 12 * 60 * MINUTE, 1440 * MINUTE];
  return steps.find((step) => span / step <= target) ?? Math.ceil(span / target / (1440 * MINUTE)) * 1440 * MINUTE;
}
