import { describe, expect, it } from "vitest";
import { createSecretScrubber, isSecretKey } from "./scrub-secrets";

describe("isSecretKey", () => {
  it.each(["password", "Password", "db_password", "PASSWD", "secret", "clientSecret", "token", "access_token", "Authorization", "cookie", "Set-Cookie", "api_key", "apiKey", "API-KEY", "api key", "x-api-key", "private_key", "credentials", "sessionId"])(
    "%s is secret",
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(["name", "author", "authenticated", "message", "status", "className", "keyboard", "monkey"])("%s is not", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("createSecretScrubber", () => {
  it("filters at any depth, leaves arrays and values alone, and honours a custom list", () => {
    const value = { a: { b: [{ token: 1 }, "token"] }, token: null, card: "4111" };
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber()))).toEqual({ a: { b: [{ token: "[Filtered]" }, "token"] }, token: "[Filtered]", card: "4111" });
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber(["Card"])))).toEqual({ a: { b: [{ token: 1 }, "token"] }, token: null, card: "[Filtered]" });
  });
});
