import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getAuthSecret } from "./auth-secret";

export const ROLES = ["member", "admin"] as const;
export type Role = (typeof ROLES)[number];

function createAuth() {
  const { PORT, PUBLIC_URL } = env();
  const baseURL = PUBLIC_URL ?? `http://localhost:${PORT}`;
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
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
    },
    plugins: [admin({ defaultRole: "member", adminRoles: ["admin"] }), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as unknown as { __logdeckAuth?: Auth };

/** better-auth, configured on first use (never at import: builds must not open the database). */
export function auth(): Auth {
  holder.__logdeckAuth ??= createAuth();
  return holder.__logdeckAuth;
}
