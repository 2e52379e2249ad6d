import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { consumeRateLimit, pruneRateLimits, refundRateLimit, resetRateLimit } from "./consume-rate-limit";

export type SignInLimit = { allowed: true; keys: SignInLimitKeys } | { allowed: false; retryAfterSeconds: number; message: string };

export interface SignInLimitKeys {
  account: string;
  address: string;
}

// Keys hash the email so rate_limits holds no addresses people typed; an email with no
// account is limited exactly like one with an account, so the answer reveals nothing.
function keysFor({ email, address }: { email: string; address: string | null }): SignInLimitKeys {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
  return { account: `sign-in:account:${digest}`, address: `sign-in:address:${address ?? "unknown"}` };
}

/** "Too many sign-in attempts; try again in N minutes." */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts a sign-in attempt against the account (the email typed) and the client address,
 * before the password is checked, so parallel guesses cannot slip past the count. Over
 * either limit: refused, with when to try again.
 */
export async function consumeSignInAttempt({ email, address, now = new Date() }: { email: string; address: string | null; now?: Date }): Promise<SignInLimit> {
  const { SIGN_IN_LIMIT_PER_ACCOUNT, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_WINDOW_MINUTES } = env();
  const windowMs = SIGN_IN_LIMIT_WINDOW_MINUTES * 60_000;
  const keys = keysFor({ email, address });
  const [account, perAddress] = await Promise.all([
    consumeRateLimit({ key: keys.account, windowMs, now }),
    consumeRateLimit({ key: keys.address, windowMs, now }),
  ]);
  // Now and then, forget windows that are over (every email anyone typed leaves a row).
  if (Math.random() < 0.02) await pruneRateLimits({ prefix: "sign-in:", windowMs, now }).catch(() => 0);
  const over = [account.count > SIGN_IN_LIMIT_PER_ACCOUNT ? account : null, perAddress.count > SIGN_IN_LIMIT_PER_ADDRESS ? perAddress : null].filter((x) => x !== null);
  if (over.length === 0) return { allowed: true, keys };
  const retryAfterSeconds = Math.max(1, Math.ceil((Math.max(...over.map((o) => o.resetsAt.getTime())) - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) };
}

/**
 * After a successful sign-in: the account's failures are forgotten (its owner proved the
 * password), and the attempt is given back to the address, so only failures count there.
 */
export async function recordSignInSuccess({ keys }: { keys: SignInLimitKeys }): Promise<void> {
  await Promise.all([resetRateLimit({ key: keys.account }), refundRateLimit({ key: keys.address })]);
}
