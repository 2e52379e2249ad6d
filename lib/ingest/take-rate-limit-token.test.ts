import { createRequire } from "node:module";
import path from "node:path";
import * as bundled from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { takeFrom } from "./take-rate-limit-token";

// A second, separately loaded copy of rate-limiter-flexible: what a Next build gives each
// server layer of a bundled package. This process's Database (and so its limiters) comes
// from whichever layer opened it first, so its RateLimiterRes need not be the one this
// module would import.
function secondCopy(): typeof bundled {
  const require = createRequire(import.meta.url);
  const folder = path.dirname(require.resolve("rate-limiter-flexible"));
  for (const id of Object.keys(require.cache)) if (id.startsWith(folder + path.sep)) delete require.cache[id];
  return require("rate-limiter-flexible") as typeof bundled;
}

describe("takeFrom", () => {
  it("refuses a key over its window and burst with the seconds to wait, whichever copy of the library made its limiters", async () => {
    const copy = secondCopy();
    expect(copy.RateLimiterRes).not.toBe(bundled.RateLimiterRes);
    const limiter = { perWindow: new copy.RateLimiterMemory({ points: 2, duration: 1 }), extra: new copy.RateLimiterMemory({ points: 3, duration: 10 }) };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await takeFrom(limiter, "k"));
    expect(results).toEqual([...Array(5).fill({ allowed: true }), { allowed: false, retryAfterSeconds: 1 }]);
  });

  it("waits for the burst allowance when it is the sooner of the two", async () => {
    const limiter = { perWindow: new bundled.RateLimiterMemory({ points: 1, duration: 60 }), extra: new bundled.RateLimiterMemory({ points: 1, duration: 5 }) };
    expect([await takeFrom(limiter, "k"), await takeFrom(limiter, "k"), await takeFrom(limiter, "k")]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 5 },
    ]);
  });

  it("passes a store's failure on rather than calling it a refusal", async () => {
    const failure = new Error("connection terminated");
    const limiter = { perWindow: { consume: () => Promise.reject(failure) } };
    await expect(takeFrom(limiter, "k")).rejects.toBe(failure);
  });
});
