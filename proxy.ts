import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

// The run timeline's route handlers outside /api: they answer 401 JSON themselves.
const ROUTE_HANDLER = /^\/runs\/[^/]+\/(?:export|live)\/?$/;

// An optimistic redirect only: a request without a session cookie goes to /login at
// once. Every page, action and route handler still checks the session itself.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // A path that is not valid percent-encoded UTF-8 (`%FF`, a lone `%`, an encoded
  // surrogate) names nothing; Next would fail to decode its params with a bare 500.
  if (!isDecodablePath(pathname)) {
    return new NextResponse("Bad request: the URL's path is not valid percent-encoded UTF-8.\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  if (getSessionCookie(request) || ROUTE_HANDLER.test(pathname)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Pages only: the API answers 401 itself, and /login, assets and icons are public.
  matcher: ["/((?!api/|login|_next/|favicon\\.ico|robots\\.txt).*)"],
};
