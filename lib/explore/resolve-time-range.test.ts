import { describe, expect, it } from "vitest";
import { histogramBucketMs, resolveTimeRange } from "./resolve-time-range";

const now = new Date("2026-12-07T12:00:00.000Z");

describe("resolveTimeRange", () => {
  it.each([
    ["15m", 15 * 60_000],
    ["1h", 3_600_000],
    ["24h", 86_400_000],
    ["7d", 7 * 86_400_000],
    ["30d", 30 * 86_400_000],
    ["all", 90 * 86_400_000],
  ] as const)("%s ends a millisecond after now and spans its length", (range, ms) => {
    const r = resolveTimeRange({ range, from: null, to: null, now, retainedDays: 90 });
    expect(r).toEqual({ from: new Date(now.getTime() + 1 - ms), to: new Date(now.getTime() + 1), preset: range });
  });

  it("takes an absolute range with both ends, start first; otherwise the preset", () => {
    const from = new Date("2026-12-01T00:00:00Z");
    const to = new Date("2026-12-02T00:00:00Z");
    expect(resolveTimeRange({ range: "1h", from, to, now, retainedDays: 30 })).toEqual({ from, to, preset: null });
    expect(resolveTimeRange({ range: "1h", from: to, to: from, now, retainedDays: 30 }).preset).toBe("1h");
    expect(resolveTimeRange({ range: "1h", from, to: null, now, retainedDays: 30 }).preset).toBe("1h");
  });
});

describe("histogramBucketMs", () => {
  it.each([
    [15 * 60_000, 15_000],
    [3_600_000, 60_000],
    [86_400_000, 30 * 60_000],
    [30 * 86_400_000, 12 * 3_600_000],
    [365 * 86_400_000, 7 * 86_400_000],
  ])("%d ms of range → buckets of %d ms (at most 60)", (span, bucket) => {
    const range = { from: new Date(0), to: new Date(span) };
    expect(histogramBucketMs(range)).toBe(bucket);
    expect(span / bucket).toBeLessThanOrEqual(60);
  });
});
