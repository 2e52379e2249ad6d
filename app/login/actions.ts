"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { parseOidcConfig } from "@/lib/auth/oidc-config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { consumeSignInAttempt, recordSignInSuccess } from "@/lib/auth/sign-in-rate-limit";
import { env } from "@/lib/env";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";

export interface SignInState {
  error?: string;
  email?: string;
}

const ZSignInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(256),
  next: z.string().max(2048).optional(),
});

// Sign in with email and password: counted against the account and the address first
// (better-auth's own HTTP sign-in path is disabled, so this is the only way in), then
// better-auth checks the hash and sets the session cookie.
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = ZSignInSchema.safeParse({ email: form.get("email"), password: form.get("password"), next: form.get("next") ?? undefined });
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  if (!parsed.success) return { error: "Enter your email address and password.", email };
  const requestHeaders = await headers();
  try {
    const limit = await consumeSignInAttempt({ email: parsed.data.email, address: clientAddress({ headers: requestHeaders, trustedProxies: env().TRUST_PROXY }) });
    if (!limit.allowed) return { error: limit.message, email };
    await auth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: requestHeaders });
    await recordSignInSuccess({ keys: limit.keys });
  } catch (error) {
    // Checked first: better-auth wraps a failed query in an APIError too, and "wrong
    // password" would send the user hunting for a password that was right.
    if (isDatabaseUnavailableError(error)) {
      console.error("logdeck: sign-in failed, database unavailable", error);
      return { error: "logdeck cannot reach its database right now. Try again in a moment.", email };
    }
    if (error instanceof APIError) {
      const banned = (error.body as { code?: string } | undefined)?.code === "BANNED_USER";
      return { error: banned ? "This account is deactivated. Ask an admin." : "Wrong email or password.", email };
    }
    throw error;
  }
  redirect(safeRedirectPath(parsed.data.next));
}

// Sign out and go to the sign-in page.
export async function signOut(): Promise<void> {
  await auth()
    .api.signOut({ headers: await headers() })
    .catch(() => {});
  redirect("/login");
}

// Start single sign-on: better-auth sets the state and PKCE cookies and gives the
// provider's authorization URL, which the browser is sent to.
export async function signInWithSso(form: FormData): Promise<void> {
  const oidc = parseOidcConfig(env());
  if (!oidc) redirect("/login");
  const next = safeRedirectPath(form.get("next"));
  const result = await auth().api.signInSocial({
    body: { provider: oidc.providerId, callbackURL: next, errorCallbackURL: "/login", disableRedirect: true },
    headers: await headers(),
  });
  if (!result || !("url" in result) || !result.url) redirect("/login?error=sso_unavailable");
  redirect(result.url);
}
