import { describe, expect, it } from "vitest";
import { measureJsonDepth } from "./measure-json-depth";

describe("measureJsonDepth", () => {
  it.each([
    ["1", 0],
    ["{}", 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['[[],[],[[]]]', 3],
  ])("measures %s as %i", (text, depth) => {
    expect(measureJsonDepth(text)).toBe(depth);
  });

  it("stops early on a hostile depth", () => {
    expect(measureJsonDepth("[".repeat(1_000_000), 40)).toBe(41);
  });
});
