import { describe, expect, it } from "vitest";
import { markGaps } from "./mark-gaps";

describe("markGaps", () => {
  it("marks long pauses in either order", () => {
    const min = 60_000;
    expect(markGaps([0, min, 10 * min, 10 * min + 1])).toEqual([null, null, 9 * min, null]);
    expect(markGaps([10 * min, 9 * min, 0])).toEqual([null, null, 9 * min]);
    expect(markGaps([])).toEqual([]);
  });
});
