import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { parseOidcConfig } from "@/lib/auth/oidc-config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// What better-auth's SSO callback puts in ?error=, in words; never the raw value.
function ssoErrorMessage(error: string | string[] | undefined): string | null {
  const code = Array.isArray(error) ? error[0] : error;
  if (!code) return null;
  if (/banned/i.test(code)) return "This account is deactivated. Ask an admin.";
  return "Single sign-on did not sign you in. Try again, or ask an admin.";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> }) {
  const { next, error } = await searchParams;
  const target = safeRedirectPath(Array.isArray(next) ? next[0] : next);
  if (await currentUser()) redirect(target);
  const oidc = parseOidcConfig(env());
  const ssoError = ssoErrorMessage(error);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-6 text-xl font-semibold">Sign in to logdeck</h1>
        {ssoError ? (
          <p role="alert" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {ssoError}
          </p>
        ) : null}
        <SignInForm next={target === "/" ? undefined : target} />
        {oidc ? (
          <>
            <p className="my-4 text-center text-xs uppercase tracking-wide text-slate-500">or</p>
            <SsoButton providerName={oidc.name} next={target === "/" ? undefined : target} />
          </>
        ) : null}
      </div>
    </main>
  );
}
