import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";
import { auth, type Role } from "./auth";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in user behind these request headers, or null. Deactivated users have none. */
export async function getSessionUser(requestHeaders: Headers): Promise<SessionUser | null> {
  const session = await auth()
    .api.getSession({ headers: requestHeaders })
    .catch((error: unknown) => {
      // A database that is down is not "signed out": sending a signed-in user to /login
      // (or a script's 401) would tell them to do the wrong thing. Callers map it to 503.
      if (isDatabaseUnavailableError(error)) throw error;
      // Anything else (a cookie better-auth cannot read) counts as no session, but is
      // logged: a bug here would otherwise sign everybody out silently.
      console.error("logdeck: could not read the session; treating the request as signed out", error);
      return null;
    });
  // The admin plugin adds role and banned to the user; its types do not reach here.
  const user = session?.user as { id: string; email: string; name: string; role?: string | null; banned?: boolean | null } | undefined;
  if (!user || user.banned) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role === "admin" ? "admin" : "member" };
}

/** The signed-in user of the current page or server action (once per render). */
export const currentUser = cache(async (): Promise<SessionUser | null> => getSessionUser(await headers()));

/** For pages and server actions: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages and server actions: a signed-in admin; members get 403, nobody gets /login. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
