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

describe("measureJsonDepth on strings", () => {
  it.each([
    ['["a\\\\", [1]]', 2],
    ['{"k":"x\\\\\\"[[", "y":[[{}]]}', 4],
    ['["\\u005b", "\\\\\\\\", {"a":"b"}]', 2],
    ['["unterminated [[[', 1],
  ])("measures %s as %i, brackets inside strings never counting", (text, depth) => {
    expect(measureJsonDepth(text)).toBe(depth);
  });

  // Linear in the text: each escape used to search on to the string's end for its quote,
  // so this body (4 MB, 1.3 million escapes) took minutes, past the test's timeout.
  it("reads a long string of escapes in one pass", () => {
    const text = `{"payload":{"m":"${"a\\n".repeat(1_300_000)}"},"x":[[1]]}`;
    expect(measureJsonDepth(text)).toBe(3);
  });

  it("agrees with JSON.parse's structure on a large mixed body", () => {
    const value = { events: Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, s: 'q"uo\\te[{', payload: { a: [i, { b: "]]}}" }] } })) };
    expect(measureJsonDepth(JSON.stringify(value))).toBe(6);
  });
});
