import { describe, expect, it } from "vitest";
import { routeParam } from "./route-param";
import { isStorableText } from "./storable-text";

describe("routeParam", () => {
  it("decodes a still-encoded segment and keeps one that is not percent-encoding", () => {
    expect(routeParam("run%201")).toBe("run 1");
    expect(routeParam("50%")).toBe("50%");
    expect(routeParam("Run_Mixed_Case")).toBe("Run_Mixed_Case");
  });

  it("is null for ids no stored row can have: NUL or an unpaired surrogate, encoded or not", () => {
    for (const value of ["%00", "a%00b", "\u0000", "a\u0000b", "\ud800", "x\udc00", "%F0%9F%98%80\ud800"]) expect(routeParam(value), JSON.stringify(value)).toBeNull();
    expect(routeParam("%F0%9F%98%80")).toBe("😀");
  });
});

describe("isStorableText", () => {
  it("refuses NUL and unpaired surrogates, accepts paired ones", () => {
    expect(isStorableText("ok 😀")).toBe(true);
    expect(isStorableText("a\u0000")).toBe(false);
    expect(isStorableText("\ud83d")).toBe(false);
    expect(isStorableText("\ude00x")).toBe(false);
  });
});
