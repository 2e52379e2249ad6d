import { describe, expect, it } from "vitest";
import { toJson } from "./to-json";

describe("toJson", () => {
  it("is JSON.stringify for values without a bigint", () => {
    const value = { a: [1, "x", null, true], b: { c: "\u0000bigint" }, d: undefined };
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it("writes a bigint as the integer it is, anywhere, leaving strings alone", () => {
    expect(toJson({ id: 12345678901234567890n, list: [-1n, 0n], text: "12345678901234567890", mark: "\u0000bigint:1" })).toBe(
      '{"id":12345678901234567890,"list":[-1,0],"text":"12345678901234567890","mark":"\\u0000bigint:1"}',
    );
    expect(toJson(42n)).toBe("42");
  });

  it("still throws on a circular structure", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => toJson(circular)).toThrow(TypeError);
    expect(() => toJson({ big: 1n, circular })).toThrow(TypeError);
  });
});
