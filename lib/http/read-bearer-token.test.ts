import { describe, expect, it } from "vitest";
import { readBearerToken } from "./read-bearer-token";

describe("readBearerToken", () => {
  it.each([
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["BEARER  ldk_x-y_z ", "ldk_x-y_z"],
  ])("reads %j as %j", (header, token) => expect(readBearerToken(header)).toBe(token));

  it.each(["Basic dGVzdDp4", "Bearer", "Bearer ", "Bearer a b", "Token abc", "abc"])("refuses %j (null: present but not a bearer token)", (header) => {
    expect(readBearerToken(header)).toBeNull();
  });

  it("gives undefined when there is no header", () => expect(readBearerToken(null)).toBeUndefined());
});
