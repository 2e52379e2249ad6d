import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/runs/r1?x=1#e2")).toBe("/runs/r1?x=1#e2");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/login", "/a\nb", undefined, 42])(
    "sends %s home",
    (next) => {
      expect(safeRedirectPath(next)).toBe("/");
    },
  );
});
