import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes cuid-shaped ids", () => {
    expect(newId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  // 200,000 ids take ~0.3 s on a quiet machine; a loaded CI box may need far longer.
  it("never repeats within a burst far larger than any batch", { timeout: 60_000 }, () => {
    const ids = new Set(Array.from({ length: 200_000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(200_000);
  });

  it("sorts by time when made at different milliseconds", () => {
    expect(newId(1_700_000_000_000) < newId(1_700_000_000_001)).toBe(true);
  });
});
