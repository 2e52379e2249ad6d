import "server-only";
import { env } from "@/lib/env";
import { readBearerToken } from "@/lib/http/read-bearer-token";
import { getSessionUser, type SessionUser } from "./session";
import { verifyAdminToken } from "./verify-admin-token";

/** Who is behind an admin request, in the words retention_runs records (trigger, actor). */
export type AdminActor = { trigger: "token"; actor: "ADMIN_TOKEN"; user: null } | { trigger: "session"; actor: string; user: SessionUser };

export type AdminAuthorization = { ok: true; actor: AdminActor } | { ok: false; status: 401 | 403; message: string };

/**
 * For route handlers that accept `Authorization: Bearer <ADMIN_TOKEN>` or an admin's
 * session. A bearer header that is present is decisive: a wrong one is a 401 even when a
 * session cookie comes along too (a script with a bad token must learn so). Without it:
 * no (or an invalid, forged or expired) session is a 401, a member is a 403, and a session
 * cookie on a request that did not come from our own pages is a 403 (see below). Never throws
 * for bad input; messages reveal nothing about the token or users.
 */
export async function authorizeAdminRequest(request: Request): Promise<AdminAuthorization> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const presented = readBearerToken(header) ?? undefined;
    if (verifyAdminToken({ presented, expected: env().ADMIN_TOKEN })) return { ok: true, actor: { trigger: "token", actor: "ADMIN_TOKEN", user: null } };
    return { ok: false, status: 401, message: "A valid admin token or an admin's session is required." };
  }
  if (request.headers.has("cookie")) {
    const refusal = crossOriginSessionRefusal(request);
    if (refusal) return { ok: false, status: 403, message: refusal };
  }
  const user = await getSessionUser(request.headers);
  if (!user) return { ok: false, status: 401, message: "A valid admin token or an admin's session is required." };
  if (user.role !== "admin") return { ok: false, status: 403, message: "Only admins may do this." };
  return { ok: true, actor: { trigger: "session", actor: user.email, user } };
}

// Browsers allowed to read none of our answers can still make a request: an auto-submitted
// text/plain form needs no preflight, and SameSite=Lax session cookies ride along whenever
// the request is same-site (a sibling subdomain's page) or a top-level navigation. So a
// session only counts when the browser says the request came from our own origin: fetch
// metadata (`Sec-Fetch-Site`: same-origin, or none for what the user typed) and `Origin`,
// which browsers send on every POST ("null" from sandboxed frames, data: URLs and
// redirects: never ours). Neither header is a credential: scripts (curl with a cookie)
// send neither and pass, and any script could as well use the ADMIN_TOKEN.
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

/** Why a session may not be used for this request, or null when it may. */
export function crossOriginSessionRefusal(request: Request): string | null {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !OWN_FETCH_SITES.has(site.trim().toLowerCase())) {
    return `A session is only accepted from logdeck's own pages; this request came from another site (Sec-Fetch-Site: ${site.slice(0, 40)}). Scripts use the ADMIN_TOKEN.`;
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !ownOrigins(request).has(origin.trim().toLowerCase())) {
    return `A session is only accepted from logdeck's own pages; this request came from ${origin.trim() === "null" ? "an opaque origin (Origin: null)" : `another origin (Origin: ${origin.slice(0, 200)})`}. Scripts use the ADMIN_TOKEN; behind a proxy, set PUBLIC_URL to the URL users reach logdeck at.`;
  }
  return null;
}

/**
 * The origins that are us: the request's own (the URL the server saw, and the Host the
 * browser addressed, which a cross-site page cannot choose) and PUBLIC_URL's.
 */
function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin.toLowerCase()]);
  const host = request.headers.get("host")?.trim().toLowerCase();
  if (host) origins.add(`${url.protocol}//${host}`);
  const publicUrl = env().PUBLIC_URL;
  if (publicUrl) origins.add(new URL(publicUrl).origin.toLowerCase());
  return origins;
}
