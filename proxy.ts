import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { isDecodablePath } from "@/lib/http/request-line";

// The dashboard's pages. A request to any other path that is not a page view gets a JSON
// 404 here — never the sign-in page (a client that follows redirects would POST its data
// there, get 200 HTML and count it delivered) — and a page only answers GET and HEAD, or
// a POST from its own form (a server action). /api/* and /v1/* are route handlers that
// answer for themselves, and are not matched.
const PAGES = [
  /^\/$/,
  /^\/login\/?$/,
  /^\/account\/?$/,
  /^\/go\/?$/,
  /^\/explore\/?$/,
  /^\/admin\/(?:keys|retention|users)\/?$/,
  /^\/projects\/[^/]+\/(?:errors|runs|explore)\/?$/,
  /^\/runs\/[^/]+\/?$/,
  /^\/traces\/[^/]+\/?$/,
];
/** Public without a session. */
const PUBLIC = /^\/(?:login\/?|icon\.svg)$/;

const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: { code, message, details: [] } }, { status, headers: { "Cache-Control": "no-store", ...headers } });

// An optimistic redirect only: a page view without a session cookie goes to /login at
// once. Every page, action and route handler still checks the session itself.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // A path that is not valid percent-encoded UTF-8 (`%FF`, a lone `%`, an encoded
  // surrogate) names nothing; Next would fail to decode its params with a bare 500.
  if (!isDecodablePath(pathname)) {
    return new NextResponse("Bad request: the URL's path is not valid percent-encoded UTF-8.\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  // The run handlers under /api are matched for the check above only: they answer for themselves.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const method = request.method;
  const isPage = PAGES.some((page) => page.test(pathname));
  if (isPage && method !== "GET" && method !== "HEAD" && !isOwnFormPost(request)) {
    return json(405, "method_not_allowed", `${method.slice(0, 20)} is not allowed on a page; allowed: GET, HEAD. Data goes to the API: POST /api/events, /api/errors, /v1/logs (OTLP) or /api/<n>/envelope (Sentry).`, { Allow: "GET, HEAD" });
  }
  if (!isPage && !PUBLIC.test(pathname) && !isPageView(request)) {
    return json(404, "not_found", `There is no page or endpoint at ${pathname.slice(0, 200)}. OTLP goes to /v1/logs and /v1/traces, Sentry SDKs to /api/<n>/envelope/, the JSON API to /api/events and /api/errors.`);
  }
  if (PUBLIC.test(pathname) || getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

/** A browser asking for a page: GET or HEAD wanting HTML, or the app router's own fetches. */
function isPageView(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch")) return true;
  return (request.headers.get("accept") ?? "").toLowerCase().includes("text/html");
}

/**
 * A page's own form: a server action (the Next-Action header when JavaScript runs; without
 * it, the form posts multipart/form-data carrying the action's id).
 */
function isOwnFormPost(request: NextRequest): boolean {
  if (request.method !== "POST") return false;
  if (request.headers.has("next-action")) return true;
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

export const config = {
  // Not the API and OTLP (route handlers answer 401/404 themselves), nor assets.
  // /api/runs/… for the path check alone (Next would answer a bad one with a bare 500).
  matcher: ["/((?!api/|v1/|_next/|favicon\\.ico|robots\\.txt).*)", "/api/runs/:path*"],
};
