import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/runs/r1?x=1#e2")).toBe("/runs/r1?x=1#e2");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "/.//evil.example", "javascript:alert(1)", "/login", "/login?next=/x", "/a\nb", "/a\u2028b", "/a\u007fb", "/a\u0085b", undefined, 42])(
    "sends %j home",
    (next) => {
      expect(safeRedirectPath(next)).toBe("/");
    },
  );

  // Node refuses these in a Location header (ERR_INVALID_CHAR): the sign-in page answered 500.
  it.each([
    ["/runs/a\u3000b", "/runs/a%E3%80%80b"],
    ["/runs/x?q=\u3000", "/runs/x?q=%E3%80%80"],
    ["/runs/é", "/runs/%C3%A9"],
  ])("percent-encodes %j so a Location header can hold it", (next, expected) => {
    const path = safeRedirectPath(next);
    expect(path).toBe(expected);
    expect(() => new Headers({ location: path })).not.toThrow();
  });
});
