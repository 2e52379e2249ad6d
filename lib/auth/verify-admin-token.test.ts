import { describe, expect, it } from "vitest";
import { verifyAdminToken } from "./verify-admin-token";

const expected = "s3cret-admin-token-with-some-length";

describe("verifyAdminToken", () => {
  it("accepts the configured token", () => {
    expect(verifyAdminToken({ presented: expected, expected })).toBe(true);
  });

  it.each(["", "x", expected.slice(0, -1), `${expected}x`, expected.toUpperCase(), "a".repeat(100_000), "é🙂\u0000"])(
    "refuses a wrong token of any length (%#)",
    (presented) => {
      expect(verifyAdminToken({ presented, expected })).toBe(false);
    },
  );

  it.each([undefined, null, 42, {}, []])("refuses a presented value that is not a string (%#)", (presented) => {
    expect(verifyAdminToken({ presented, expected })).toBe(false);
  });

  it("refuses everything when no token is configured", () => {
    expect(verifyAdminToken({ presented: "", expected: undefined })).toBe(false);
    expect(verifyAdminToken({ presented: "anything", expected: "" })).toBe(false);
  });
});
