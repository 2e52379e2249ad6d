"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { requireUser } from "@/lib/auth/session";
import { consumeSignInAttempt, recordSignInSuccess } from "@/lib/auth/sign-in-rate-limit";
import { env } from "@/lib/env";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";
import { ZChangeOwnPasswordInputSchema } from "@/lib/users/user-input";

export interface ChangePasswordState {
  error?: string;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

// The signed-in user changes their own password. The current password is checked like a
// sign-in (same per-account and per-address limits, so a stolen session cannot be used to
// guess it), and every other session ends: this browser stays signed in, others do not.
export async function changeOwnPasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const user = await requireUser();
  const parsed = ZChangeOwnPasswordInputSchema.safeParse({
    currentPassword: text(form, "currentPassword"),
    newPassword: text(form, "newPassword"),
    confirmPassword: text(form, "confirmPassword"),
  });
  if (!parsed.success) return { error: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const requestHeaders = await headers();
  try {
    const limit = await consumeSignInAttempt({ email: user.email, address: clientAddress({ headers: requestHeaders, trustedProxies: env().TRUST_PROXY }) });
    if (!limit.allowed) return { error: limit.message };
    await auth().api.changePassword({
      body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, revokeOtherSessions: true },
      headers: requestHeaders,
    });
    await recordSignInSuccess({ keys: limit.keys });
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      console.error("logdeck: password change failed, database unavailable", error);
      return { error: "logdeck cannot reach its database right now. Try again in a moment." };
    }
    if (error instanceof APIError) {
      const code = (error.body as { code?: string } | undefined)?.code;
      if (code === "INVALID_PASSWORD") return { error: "The current password is wrong." };
      if (code === "CREDENTIAL_ACCOUNT_NOT_FOUND") return { error: "You sign in with single sign-on, so there is no logdeck password to change. Ask an admin to set one if you need it." };
      if (code === "PASSWORD_TOO_SHORT" || code === "PASSWORD_TOO_LONG") return { error: "New passwords are 12 to 256 characters." };
    }
    throw error;
  }
  // A fresh request, carrying the new session cookie: this render's request still has the
  // old one, whose session just ended with the others.
  redirect("/account?changed=1");
}
