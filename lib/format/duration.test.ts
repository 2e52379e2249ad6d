import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1_234, "1.2 s"],
    [45_000, "45 s"],
    [245_000, "4 min 5 s"],
    [7_800_000, "2 h 10 min"],
    [(3 * 24 + 4) * 3_600_000, "3 d 4 h"],
    // A zero second part is left out.
    [30 * 60_000, "30 min"],
    [2 * 3_600_000, "2 h"],
    [24 * 3_600_000, "1 d"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows a dash for what is not a duration", () => {
    expect(formatDuration(-5)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});
