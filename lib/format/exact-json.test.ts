import { describe, expect, it } from "vitest";
import { isLosslessNumber, mayHoldInexactNumber, parseJsonExactly, prettyJsonText, stringifyJsonExactly } from "./exact-json";

describe("parseJsonExactly", () => {
  it("keeps a number a double cannot hold as its text, and the rest as JSON.parse gives it", () => {
    const text = '{"big":12345678901234567890,"long":0.12345678901234567890,"safe":9007199254740991,"f":1.5,"e":-3e-7,"s":"12345678901234567890"}';
    const value = parseJsonExactly(text) as Record<string, unknown>;
    expect(isLosslessNumber(value.big)).toBe(true);
    expect(isLosslessNumber(value.long)).toBe(true);
    expect(value).toMatchObject({ safe: 9007199254740991, f: 1.5, e: -3e-7, s: "12345678901234567890" });
    expect(stringifyJsonExactly(value)).toBe(text);
  });

  it("gives what JSON.parse gives for text with no such number, whichever parser reads it", () => {
    // The second holds what looks like a long number inside a string: the careful parser reads it.
    for (const text of ['{"a":[1,2.5,-3e-7,true,null,{"b":"c"}]}', '{"a":[1,2.5,-3e-7,true,null,{"b":"at: 1234567890123456"}]}']) {
      expect(parseJsonExactly(text)).toEqual(JSON.parse(text));
    }
    expect(mayHoldInexactNumber('{"b":"at: 1234567890123456"}')).toBe(true);
  });

  it("leaves the engine's parser every text with no number that could be rounded", () => {
    for (const text of ['{"a":1}', '{"id":"123e4567-e89b-42d3-a456-426614174000"}', '{"h":"a5e123","n":"1234567890123456789"}', '[123456789012345, 1e99, -0.5e-99]']) {
      expect(mayHoldInexactNumber(text), text).toBe(false);
    }
    for (const text of ["12345678901234567", '{"a": -1234567890.1234567}', '[1,1e400]', '{"a":\n 2.5E-308}', '{"a":0.0000000000000001}']) {
      expect(mayHoldInexactNumber(text), text).toBe(true);
    }
  });

  it("resolves duplicate keys as JSON.parse does, and keeps __proto__ as data", () => {
    const value = parseJsonExactly('{"a":1,"a":12345678901234567890,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(String(value.a)).toBe("12345678901234567890");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["a", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("throws SyntaxError on invalid JSON, on either path", () => {
    expect(() => parseJsonExactly('{"a":')).toThrow(SyntaxError);
    expect(() => parseJsonExactly('{"a":12345678901234567890')).toThrow(SyntaxError);
  });
});

describe("stringifyJsonExactly", () => {
  it("calls the replacer as JSON.stringify does", () => {
    const value = parseJsonExactly('{"password":"x","n":12345678901234567890,"list":["a"]}');
    const seen: string[] = [];
    const json = stringifyJsonExactly(value, function (this: unknown, key, v) {
      seen.push(`${Array.isArray(this) ? "[]" : "{}"}${key}`);
      return key === "password" ? "[Filtered]" : v;
    });
    expect(json).toBe('{"password":"[Filtered]","n":12345678901234567890,"list":["a"]}');
    expect(seen).toEqual(["{}", "{}password", "{}n", "{}list", "[]0"]);
  });
});

describe("prettyJsonText", () => {
  it("indents stored JSON, every number as stored", () => {
    expect(prettyJsonText('{"id": 12345678901234567890, "x": [1.50]}')).toBe('{\n  "id": 12345678901234567890,\n  "x": [\n    1.50\n  ]\n}');
    expect(prettyJsonText('{"a": 1}')).toBe('{\n  "a": 1\n}');
  });

  it("returns text that is not JSON as it is", () => {
    expect(prettyJsonText("not json 12345678901234567890")).toBe("not json 12345678901234567890");
    expect(prettyJsonText("{")).toBe("{");
  });
});
