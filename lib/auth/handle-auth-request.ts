import "server-only";
// /api/auth/*: better-auth's HTTP endpoints, narrowed to the ones logdeck uses (an
// allow-list: a better-auth upgrade or plugin that adds an endpoint adds nothing here),
// with the body bounded before better-auth reads it. Everything else — email sign-in,
// verify-password, update-user, the admin plugin's endpoints — is a 404: the app does
// those through its own server actions, under its own rules and limits.
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { toLimitedRequest } from "@/lib/http/limit-request-body";
import { DATABASE_RETRY_AFTER_SECONDS, toErrorResponse } from "@/lib/http/to-error-response";
import { auth } from "./auth";
import { parseOidcConfig } from "./oidc-config";

/** The most an /api/auth/* request body may hold. A form_post callback carries a code and a state (or an id token): a few KB. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;

const PREFIX = "/api/auth";

/** Whether `method path` (path after /api/auth) is one of the endpoints logdeck uses. */
export function isAllowedAuthEndpoint(method: string, path: string, oidcProviderId: string | null): boolean {
  // The browser's own session (read by scripts and health checks of a deployment), and sign-out.
  if (path === "/get-session") return method === "GET";
  if (path === "/sign-out") return method === "POST";
  // Single sign-on's return from the provider (GET; POST for response_mode=form_post).
  if (oidcProviderId !== null && (path === `/callback/${oidcProviderId}` || path === `/oauth2/callback/${oidcProviderId}`)) return method === "GET" || method === "POST";
  return false;
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length).replace(/\/+$/, "") : "";
  const oidc = parseOidcConfig(env());
  if (!isAllowedAuthEndpoint(request.method, path, oidc?.providerId ?? null)) {
    return toErrorResponse(new AppError("not_found", "There is no such sign-in endpoint. Sign in at /login."));
  }
  const limited = await toLimitedRequest(request, AUTH_MAX_BODY_BYTES);
  if (limited instanceof Response) return limited;
  const response = await auth().handler(limited);
  // better-auth answers a query that failed (a locked sessions table, a database that is
  // down) with a bare 500, "Failed to get session": these endpoints only read and write
  // sessions, so say what the rest of the API says then — 503, retry — which load
  // balancers and health checks treat as "try again", not as a broken server.
  if (response.status >= 500) {
    await response.body?.cancel();
    return toErrorResponse(
      new AppError("service_unavailable", "Sign-in's database is busy or out of reach (a query failed or waited too long for a lock); retry in a moment.", {
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      }),
    );
  }
  return response;
}
