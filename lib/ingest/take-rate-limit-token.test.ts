import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits, takeRateLimitToken } from "./take-rate-limit-token";

beforeEach(() => resetRateLimits());

describe("takeRateLimitToken", () => {
  it("allows a burst, then one request per 1/perSecond, per key", () => {
    const options = { perSecond: 2, burst: 2 };
    expect(takeRateLimitToken("k", { ...options, now: 0 })).toEqual({ allowed: true });
    expect(takeRateLimitToken("k", { ...options, now: 0 })).toEqual({ allowed: true });
    expect(takeRateLimitToken("k", { ...options, now: 0 })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeRateLimitToken("other", { ...options, now: 0 })).toEqual({ allowed: true });
    expect(takeRateLimitToken("k", { ...options, now: 499 })).toMatchObject({ allowed: false });
    expect(takeRateLimitToken("k", { ...options, now: 500 })).toEqual({ allowed: true });
  });

  it("says how long until a token is back", () => {
    takeRateLimitToken("slow", { perSecond: 0.1, burst: 1, now: 0 });
    expect(takeRateLimitToken("slow", { perSecond: 0.1, burst: 1, now: 0 })).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });
});
