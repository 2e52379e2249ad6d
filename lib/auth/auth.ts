import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin, genericOAuth } from "better-auth/plugins";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { cleanUserImage, cleanUserName } from "@/lib/users/clean-user-profile";
import { getAuthSecret } from "./auth-secret";
import { parseOidcConfig } from "./oidc-config";

export const ROLES = ["member", "admin"] as const;
export type Role = (typeof ROLES)[number];

// better-auth's own HTTP endpoints that logdeck does not offer. Email sign-in (and a password change) goes through
// the /login server action only, which rate-limits it per account and address; the admin
// plugin's endpoints would bypass the users page's rules (the last admin stays). Server
// code still calls these through auth().api, which this list does not affect.
const DISABLED_PATHS = [
  "/sign-in/email",
  "/sign-up/email",
  // /account's server action checks the current password under the sign-in limits.
  "/change-password",
  ...["set-role", "get-user", "create-user", "update-user", "list-users", "list-user-sessions", "unban-user", "ban-user", "impersonate-user", "stop-impersonating", "revoke-user-session", "revoke-user-sessions", "remove-user", "set-user-password", "has-permission"].map((name) => `/admin/${name}`),
];

function createAuth() {
  const { PORT, PUBLIC_URL, TRUST_PROXY } = env();
  const baseURL = PUBLIC_URL ?? `http://localhost:${PORT}`;
  const oidc = parseOidcConfig(env());
  return betterAuth({
    appName: "logdeck",
    baseURL,
    secret: getAuthSecret(),
    // Requests reach a local server as localhost or 127.0.0.1; both are us.
    trustedOrigins: [baseURL, `http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`],
    database: prismaAdapter(prisma(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Nobody signs themselves up: admins add users.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 256,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    disabledPaths: DISABLED_PATHS,
    // Every write of a user through better-auth (single sign-on's profile, a future
    // endpoint) is cleaned as the users page's are: a bounded name with no bidi or control
    // characters, an http(s) image or none (lib/users/clean-user-profile.ts).
    databaseHooks: {
      user: {
        create: {
          before: async (user) => ({ data: { ...user, name: cleanUserName(user.name) || cleanUserName(String(user.email).split("@")[0]) || "user", image: cleanUserImage(user.image) } }),
        },
        update: {
          before: async (user) => {
            const data: Record<string, unknown> = { ...user };
            if ("name" in user) {
              const name = cleanUserName(user.name);
              if (name) data.name = name;
              else delete data.name;
            }
            if ("image" in user) data.image = cleanUserImage(user.image);
            return { data };
          },
        },
      },
    },
    // What is left over HTTP (SSO start and callback, session, sign-out) is limited per
    // address too, in the shared rate_limits table.
    rateLimit: { enabled: true, storage: "database", window: 60, max: 100 },
    advanced: {
      // Sessions are read with their user in one statement, not two in a row: every page
      // and API call with a session reads it (README, Query benchmark).
      database: { joins: true },
      useSecureCookies: baseURL.startsWith("https://"),
      ipAddress: { trustedProxies: TRUST_PROXY },
    },
    plugins: [
      // New users get `member` (or OIDC_DEFAULT_ROLE: only SSO creates users implicitly);
      // `banned` (deactivated) stops every session being created, SSO included.
      admin({ defaultRole: oidc?.defaultRole ?? "member", adminRoles: ["admin"], bannedUserMessage: "This account is deactivated. Ask an admin." }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: oidc.providerId,
                  name: oidc.name,
                  discoveryUrl: oidc.discoveryUrl,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: oidc.scopes,
                  pkce: true,
                  requireIdTokenVerification: true,
                },
              ],
            }),
          ]
        : []),
      nextCookies(),
    ],
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as unknown as { __logdeckAuth?: Auth };

/** better-auth, configured on first use (never at import: builds must not open the database). */
export function auth(): Auth {
  holder.__logdeckAuth ??= createAuth();
  return holder.__logdeckAuth;
}
