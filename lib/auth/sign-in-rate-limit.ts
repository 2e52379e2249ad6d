import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { consumeLimitCounter, pruneLimitCounters, refundLimitCounter, resetLimitCounter, type LimitCount } from "@/lib/limits/consume-limit-counter";

export type SignInLimit = { allowed: true; keys: SignInLimitKeys } | { allowed: false; retryAfterSeconds: number; message: string };

export interface SignInLimitKeys {
  account: string;
  address: string;
  /** This account's attempts from this address (null when the address cannot be told). */
  accountAddress: string | null;
  /** Attempts admitted from addresses without failures while the account is over its limit. */
  accountFresh: string;
}

// Keys hash the email so limit_counters holds no addresses people typed; an email with no
// account is limited exactly like one with an account, so the answer reveals nothing.
function keysFor({ email, address }: { email: string; address: string | null }): SignInLimitKeys {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
  return {
    account: `sign-in:account:${digest}`,
    address: `sign-in:address:${address ?? "unknown"}`,
    accountAddress: address === null ? null : `sign-in:account-address:${digest}:${address}`,
    accountFresh: `sign-in:account-fresh:${digest}`,
  };
}

/** "Too many sign-in attempts; try again in N minutes." */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts a sign-in attempt against the account (the email typed), the client address, and
 * the two together, before the password is checked, so parallel guesses cannot slip past
 * the count. Refused, with when to try again:
 * - an address past SIGN_IN_LIMIT_PER_ADDRESS (one client trying many accounts);
 * - an address that alone made SIGN_IN_LIMIT_PER_ACCOUNT attempts at this account;
 * - while the account is past SIGN_IN_LIMIT_PER_ACCOUNT (guesses from many addresses), any
 *   address that already tried it in the window, or that cannot be told. An address with
 *   no attempt at it yet is let through once, so someone typing wrong passwords for an
 *   email cannot lock its owner out (as GitHub and Okta do); these admissions have a
 *   budget of their own, SIGN_IN_LIMIT_PER_ACCOUNT per window, so spreading guesses over
 *   many addresses still buys at most twice the account's limit.
 */
export async function consumeSignInAttempt({ email, address, now = new Date() }: { email: string; address: string | null; now?: Date }): Promise<SignInLimit> {
  const { SIGN_IN_LIMIT_PER_ACCOUNT, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_WINDOW_MINUTES } = env();
  const windowMs = SIGN_IN_LIMIT_WINDOW_MINUTES * 60_000;
  const keys = keysFor({ email, address });
  const [account, perAddress, accountAddress] = await Promise.all([
    consumeLimitCounter({ key: keys.account, windowMs, now }),
    consumeLimitCounter({ key: keys.address, windowMs, now }),
    keys.accountAddress === null ? null : consumeLimitCounter({ key: keys.accountAddress, windowMs, now }),
  ]);
  // Now and then, forget windows that are over (every email anyone typed leaves a row).
  if (Math.random() < 0.02) await pruneLimitCounters({ prefix: "sign-in:", windowMs, now }).catch(() => 0);
  const over: LimitCount[] = [];
  if (perAddress.count > SIGN_IN_LIMIT_PER_ADDRESS) over.push(perAddress);
  if (accountAddress && accountAddress.count > SIGN_IN_LIMIT_PER_ACCOUNT) over.push(accountAddress);
  if (account.count > SIGN_IN_LIMIT_PER_ACCOUNT) {
    // A count of 1: this is the address's first attempt at the account in the window (a
    // success resets it), so it has failed nothing.
    const fresh = over.length === 0 && accountAddress?.count === 1 ? await consumeLimitCounter({ key: keys.accountFresh, windowMs, now }) : null;
    if (!fresh || fresh.count > SIGN_IN_LIMIT_PER_ACCOUNT) over.push(account, ...(fresh ? [fresh] : []));
  }
  if (over.length === 0) return { allowed: true, keys };
  const retryAfterSeconds = Math.max(1, Math.ceil((Math.max(...over.map((o) => o.resetsAt.getTime())) - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) };
}

/**
 * After a successful sign-in: the account's failures are forgotten (its owner proved the
 * password), with this address's at it, and the attempt is given back to the address, so
 * only failures count there. Other addresses' failures at the account stay counted.
 */
export async function recordSignInSuccess({ keys }: { keys: SignInLimitKeys }): Promise<void> {
  await Promise.all([
    resetLimitCounter({ key: keys.account }),
    resetLimitCounter({ key: keys.accountFresh }),
    keys.accountAddress === null ? null : resetLimitCounter({ key: keys.accountAddress }),
    refundLimitCounter({ key: keys.address }),
  ]);
}
