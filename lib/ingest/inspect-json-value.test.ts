import { describe, expect, it } from "vitest";
import { parseJsonExactly } from "@/lib/format/exact-json";
import { inspectJsonValue, numericTextLength } from "./inspect-json-value";

const inspect = (value: unknown, maxDepth = 4) => inspectJsonValue(value, { maxDepth, isSecretKey: (key) => key.toLowerCase().includes("token") });

describe("inspectJsonValue", () => {
  it("passes storable values and says whether a secret-looking key is anywhere", () => {
    expect(inspect({ a: [1, true, null, "x", { b: 2.5 }] })).toEqual({ problem: null, hasSecretKey: false, hasSecretValue: false, hasExactNumber: false, expandedNumberChars: 0 });
    expect(inspect({ a: [{ deep: { apiToken: "t" } }] })).toEqual({ problem: null, hasSecretKey: true, hasSecretValue: false, hasExactNumber: false, expandedNumberChars: 0 });
    expect(inspect("plain")).toEqual({ problem: null, hasSecretKey: false, hasSecretValue: false, hasExactNumber: false, expandedNumberChars: 0 });
    // The name of a [name, value] pair counts as a key (Sentry's pair lists).
    expect(inspect({ query_string: [["x", "1"], ["access_token", "t"]] }).hasSecretKey).toBe(true);
    expect(inspect({ query_string: [["x", "1"], [1, "token"]] }).hasSecretKey).toBe(false);
  });

  it("takes a number kept exact (LosslessNumber) as a number, not as an object to walk", () => {
    expect(inspect(parseJsonExactly('{"a":[{"id":12345678901234567890}]}'))).toEqual({ problem: null, hasSecretKey: false, hasSecretValue: false, hasExactNumber: true, expandedNumberChars: 0 });
    expect(inspect(parseJsonExactly('{"a":{"b":[1e999]}}')).problem).toMatchObject({ path: ["a", "b", 0], message: expect.stringContaining("too large") });
  });

  it("says whether a string value anywhere is one isSecretValue flags", () => {
    const isSecretValue = (text: string) => text.includes("://u:p@");
    expect(inspectJsonValue({ a: [{ url: "x://u:p@h" }] }, { maxDepth: 8, isSecretValue }).hasSecretValue).toBe(true);
    expect(inspectJsonValue({ a: [{ url: "x://h" }] }, { maxDepth: 8, isSecretValue }).hasSecretValue).toBe(false);
  });

  it("names the path of a NUL or a lone surrogate, in strings and in keys", () => {
    expect(inspect({ a: [0, { b: "x\u0000y" }] }).problem).toEqual({ path: ["a", 1, "b"], message: expect.stringContaining("NUL character (\\u0000) at position 1") });
    expect(inspect({ a: { ["k\uD800"]: 1 } }).problem).toEqual({ path: ["a", "k\uD800"], message: expect.stringMatching(/^key contains an unpaired UTF-16 surrogate/) });
    expect(inspect("\uDC00").problem).toEqual({ path: [], message: expect.stringContaining("unpaired UTF-16 surrogate at position 0") });
  });

  it("names the path of a number that overflowed", () => {
    expect(inspect({ n: [1, Infinity] }).problem).toEqual({ path: ["n", 1], message: "is a number too large to represent (beyond ±1.8e308)" });
  });

  it("refuses nesting past the limit at the first value too deep, with the limit's name", () => {
    expect(inspect({ a: { b: { c: { d: 1 } } } }).problem).toBeNull();
    expect(inspect({ a: { b: { c: { d: {} } } } }).problem).toEqual({ path: ["a", "b", "c", "d"], message: "nests deeper than 4 levels (INGEST_MAX_DEPTH)", limit: "INGEST_MAX_DEPTH" });
    expect(inspect([[[[[]]]]]).problem).toMatchObject({ path: [0, 0, 0, 0] });
  });

  it("reports the first problem in document order", () => {
    expect(inspect({ first: "\u0000", second: "\u0000" }).problem?.path).toEqual(["first"]);
  });
});

describe("numbers as PostgreSQL writes them", () => {
  it.each([
    ["12", 2],
    ["-0.5", 4],
    ["1e308", 309],
    ["1e+21", 22],
    ["-2.5e-7", 11],
    ["0.001e5", 3],
    ["-0e5", 1],
    ["1.5e-320", 323],
    ["12.34e1", 5],
    ["0e1001", 1],
  ])("%s is %i characters", (literal, length) => expect(numericTextLength(literal)).toBe(length));

  it("counts what numbers add when written out, at any depth", () => {
    expect(inspect({ a: [1e308, 2.5], b: { c: 1e-7 } }).expandedNumberChars).toBe(309 - 6 + (9 - 4));
    expect(inspect(parseJsonExactly('{"a":1e300}')).expandedNumberChars).toBe(301 - 5);
  });
});
