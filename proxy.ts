import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

// An optimistic redirect only: a request without a session cookie goes to /login at
// once. Every page, action and route handler still checks the session itself.
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: the API answers 401 itself, and /login, assets and icons are public.
  matcher: ["/((?!api/|login|_next/|favicon\\.ico|robots\\.txt).*)"],
};
