import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as authGet } from "@/app/api/auth/[...all]/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { truncateAll } from "@/test/truncate";
import { consumeLimitCounter as consumeRateLimit, pruneLimitCounters as pruneRateLimits } from "@/lib/limits/consume-limit-counter";
import { consumeSignInAttempt, recordSignInSuccess } from "./sign-in-rate-limit";

beforeEach(truncateAll);

describe("consumeLimitCounter", () => {
  it("counts every one of many concurrent attempts exactly once", async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit({ key: "k", windowMs: 60_000 })));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await prisma().limitCounter.findUnique({ where: { key: "k" }, select: { count: true } }))?.count).toBe(25);
  });

  it("starts a new window once the old one is over", async () => {
    const start = new Date("2030-01-01T00:00:00Z");
    await consumeRateLimit({ key: "k", windowMs: 60_000, now: start });
    const second = await consumeRateLimit({ key: "k", windowMs: 60_000, now: new Date(start.getTime() + 59_999) });
    expect(second).toEqual({ count: 2, resetsAt: new Date(start.getTime() + 60_000) });
    const third = await consumeRateLimit({ key: "k", windowMs: 60_000, now: new Date(start.getTime() + 60_000) });
    expect(third.count).toBe(1);
  });
});

describe("consumeSignInAttempt", () => {
  const { SIGN_IN_LIMIT_PER_ACCOUNT, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_WINDOW_MINUTES } = env();

  const tooMany = {
    allowed: false,
    retryAfterSeconds: SIGN_IN_LIMIT_WINDOW_MINUTES * 60,
    message: `Too many sign-in attempts; try again in ${SIGN_IN_LIMIT_WINDOW_MINUTES} minutes.`,
  };

  it("refuses an attacker guessing one account's password, even the right one, but not its owner elsewhere", async () => {
    const now = new Date();
    const attacker = "198.51.100.7";
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT; i++) {
      expect((await consumeSignInAttempt({ email: "Target@Example.test", address: attacker, now })).allowed).toBe(true);
    }
    // The attacker is stopped, whatever password comes next.
    expect(await consumeSignInAttempt({ email: "target@example.test", address: attacker, now })).toEqual(tooMany);
    // The owner, who has not failed from their address, is still let in (the finding: they were locked out).
    const owner = await consumeSignInAttempt({ email: "target@example.test", address: "203.0.113.1", now });
    if (!owner.allowed) throw new Error("the owner should be let in");
    await recordSignInSuccess({ keys: owner.keys });
    // The owner's success does not give the attacker new guesses.
    expect(await consumeSignInAttempt({ email: "target@example.test", address: attacker, now })).toMatchObject({ allowed: false });
    // Another account is not affected.
    expect((await consumeSignInAttempt({ email: "other@example.test", address: attacker, now })).allowed).toBe(true);
  });

  it("refuses an address's second attempt while the account is over its limit", async () => {
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT; i++) await consumeSignInAttempt({ email: "target@example.test", address: "198.51.100.7", now });
    expect((await consumeSignInAttempt({ email: "target@example.test", address: "203.0.113.1", now })).allowed).toBe(true);
    // That attempt failed (no success recorded): the address has now tried, like the attacker.
    expect(await consumeSignInAttempt({ email: "target@example.test", address: "203.0.113.1", now })).toEqual(tooMany);
  });

  it("lets guesses spread over many addresses buy at most twice the account's limit", async () => {
    const now = new Date();
    for (let i = 0; i < 2 * SIGN_IN_LIMIT_PER_ACCOUNT; i++) {
      expect((await consumeSignInAttempt({ email: "target@example.test", address: `198.51.100.${i}`, now })).allowed).toBe(true);
    }
    expect(await consumeSignInAttempt({ email: "target@example.test", address: "203.0.113.99", now })).toEqual(tooMany);
  });

  it("admits no address it cannot tell while the account is over its limit", async () => {
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT; i++) await consumeSignInAttempt({ email: "target@example.test", address: `198.51.100.${i}`, now });
    expect(await consumeSignInAttempt({ email: "target@example.test", address: null, now })).toEqual(tooMany);
  });

  it("lets the account be tried again from any address once its window is over", async () => {
    const start = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i <= SIGN_IN_LIMIT_PER_ACCOUNT; i++) await consumeSignInAttempt({ email: "target@example.test", address: "198.51.100.7", now: start });
    const later = new Date(start.getTime() + SIGN_IN_LIMIT_WINDOW_MINUTES * 60_000);
    expect((await consumeSignInAttempt({ email: "target@example.test", address: "198.51.100.7", now: later })).allowed).toBe(true);
  });

  it("refuses an address spraying many accounts", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ADDRESS; i++) {
      expect((await consumeSignInAttempt({ email: `user${i}@example.test`, address: "192.0.2.66" })).allowed).toBe(true);
    }
    expect(await consumeSignInAttempt({ email: "fresh@example.test", address: "192.0.2.66" })).toMatchObject({ allowed: false });
    expect((await consumeSignInAttempt({ email: "fresh@example.test", address: "192.0.2.67" })).allowed).toBe(true);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT - 1; i++) await consumeSignInAttempt({ email: "me@example.test", address: "192.0.2.1" });
    const last = await consumeSignInAttempt({ email: "me@example.test", address: "192.0.2.1" });
    if (!last.allowed) throw new Error("should be allowed");
    await recordSignInSuccess({ keys: last.keys });
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT; i++) expect((await consumeSignInAttempt({ email: "me@example.test", address: "192.0.2.1" })).allowed).toBe(true);
  });

  it("stores no email address in limit_counters", async () => {
    await consumeSignInAttempt({ email: "secret-person@example.test", address: null });
    const keys = (await prisma().limitCounter.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys.join(" ")).not.toContain("secret-person");
    expect(keys).toContain("sign-in:address:unknown");
  });
});

describe("pruneLimitCounters", () => {
  it("deletes sign-in counts whose window is over, and nothing else", async () => {
    const old = new Date("2030-01-01T00:00:00Z");
    await consumeRateLimit({ key: "sign-in:address:old", windowMs: 60_000, now: old });
    await consumeRateLimit({ key: "sign-in:address:fresh", windowMs: 60_000, now: new Date(old.getTime() + 50_000) });
    await consumeRateLimit({ key: "203.0.113.1|/get-session", windowMs: 60_000, now: old });
    expect(await pruneRateLimits({ prefix: "sign-in:", windowMs: 60_000, now: new Date(old.getTime() + 60_000) })).toBe(1);
    const keys = (await prisma().limitCounter.findMany({ select: { key: true } })).map((r) => r.key).sort();
    expect(keys).toEqual(["203.0.113.1|/get-session", "sign-in:address:fresh"]);
  });
});

// The finding: better-auth prunes every rate_limits row older than its 60 s window when any
// of its endpoints is hit twice a minute apart, and the app's 15-minute counters lived in
// that table. Driven by a controllable clock (Date only), through the real route handler.
describe("a lockout", () => {
  afterEach(() => vi.useRealTimers());

  it("holds through other auth traffic for its whole window, then ends", async () => {
    const windowMs = env().SIGN_IN_LIMIT_WINDOW_MINUTES * 60_000;
    const start = new Date("2031-03-01T09:00:00.000Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const attacker = "198.51.100.7";
    for (let i = 0; i <= env().SIGN_IN_LIMIT_PER_ACCOUNT; i++) await consumeSignInAttempt({ email: "target@example.test", address: attacker });
    expect(await consumeSignInAttempt({ email: "target@example.test", address: attacker })).toMatchObject({ allowed: false });
    // What the app's counters looked like to better-auth before: a row of its table, now old.
    await prisma().rateLimit.create({ data: { id: "sentinel", key: "sign-in:account:sentinel", count: 11, lastRequest: BigInt(start.getTime()) } });

    const authTraffic = () => authGet(new Request("http://localhost:3000/api/auth/get-session", { headers: { "x-forwarded-for": "203.0.113.9" } }));
    for (let elapsed = 0; elapsed < windowMs; elapsed += 61_000) {
      vi.setSystemTime(start.getTime() + elapsed);
      expect((await authTraffic()).status).toBe(200);
      expect(await consumeSignInAttempt({ email: "target@example.test", address: attacker }), `${elapsed / 1000} s in`).toMatchObject({ allowed: false });
    }
    // better-auth did prune its table meanwhile (the old counters would have gone with it).
    expect(await prisma().rateLimit.findUnique({ where: { key: "sign-in:account:sentinel" } })).toBeNull();
    vi.setSystemTime(start.getTime() + windowMs - 1);
    expect(await consumeSignInAttempt({ email: "target@example.test", address: attacker })).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    // Attempts while locked do not extend the window: it ends when it began plus the window.
    vi.setSystemTime(start.getTime() + windowMs);
    expect((await consumeSignInAttempt({ email: "target@example.test", address: attacker })).allowed).toBe(true);
  });
});
