import "server-only";
import { env } from "@/lib/env";
import { getSessionUser, type SessionUser } from "./session";
import { verifyAdminToken } from "./verify-admin-token";

/** Who is behind an admin request, in the words retention_runs records (trigger, actor). */
export type AdminActor = { trigger: "token"; actor: "ADMIN_TOKEN"; user: null } | { trigger: "session"; actor: string; user: SessionUser };

export type AdminAuthorization = { ok: true; actor: AdminActor } | { ok: false; status: 401 | 403; message: string };

const BEARER = /^bearer\s+(.+)$/i;

/**
 * For route handlers that accept `Authorization: Bearer <ADMIN_TOKEN>` or an admin's
 * session. A bearer header that is present is decisive: a wrong one is a 401 even when a
 * session cookie comes along too (a script with a bad token must learn so). Without it:
 * no (or an invalid, forged or expired) session is a 401, a member is a 403. Never throws
 * for bad input; messages reveal nothing about the token or users.
 */
export async function authorizeAdminRequest(request: Request): Promise<AdminAuthorization> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const presented = BEARER.exec(header.trim())?.[1]?.trim();
    if (verifyAdminToken({ presented, expected: env().ADMIN_TOKEN })) return { ok: true, actor: { trigger: "token", actor: "ADMIN_TOKEN", user: null } };
    return { ok: false, status: 401, message: "A valid admin token or an admin's session is required." };
  }
  // Cookies ride along on cross-site requests in some browsers' edge cases (SameSite=Lax
  // still sends them on top-level navigations); a session never authorizes those.
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return { ok: false, status: 401, message: "A valid admin token or an admin's session is required." };
  }
  const user = await getSessionUser(request.headers);
  if (!user) return { ok: false, status: 401, message: "A valid admin token or an admin's session is required." };
  if (user.role !== "admin") return { ok: false, status: 403, message: "Only admins may do this." };
  return { ok: true, actor: { trigger: "session", actor: user.email, user } };
}
