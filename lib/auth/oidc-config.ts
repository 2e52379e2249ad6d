import { ConfigError, type Env } from "@/lib/env";

/** The one OIDC provider's id in better-auth (callback: /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig {
  providerId: typeof OIDC_PROVIDER_ID;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  defaultRole: "member" | "admin";
}

type OidcEnv = Pick<Env, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_PROVIDER_NAME" | "OIDC_DEFAULT_ROLE" | "OIDC_SCOPES">;

/**
 * Single sign-on from the environment: null when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are all unset; a ConfigError naming what is missing when only some
 * are set (a half-configured SSO must stop start-up, not hide the button).
 */
export function parseOidcConfig(source: OidcEnv): OidcConfig | null {
  const required = { OIDC_ISSUER: source.OIDC_ISSUER, OIDC_CLIENT_ID: source.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: source.OIDC_CLIENT_SECRET };
  const missing = Object.entries(required).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length === 3) return null;
  if (missing.length) throw new ConfigError(`Invalid configuration:\n  - single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET; missing ${missing.join(", ")}`);
  const issuer = source.OIDC_ISSUER!.replace(/\/+$/, "");
  return {
    providerId: OIDC_PROVIDER_ID,
    name: source.OIDC_PROVIDER_NAME ?? new URL(issuer).hostname,
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId: source.OIDC_CLIENT_ID!,
    clientSecret: source.OIDC_CLIENT_SECRET!,
    scopes: source.OIDC_SCOPES.length ? source.OIDC_SCOPES : ["openid", "email", "profile"],
    defaultRole: source.OIDC_DEFAULT_ROLE,
  };
}
