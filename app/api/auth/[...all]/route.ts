import { handleAuthRequest } from "@/lib/auth/handle-auth-request";

export const dynamic = "force-dynamic";

// GET|POST /api/auth/* – the better-auth endpoints logdeck uses (session, sign-out, SSO callback); others 404.
export const GET = (request: Request) => handleAuthRequest(request);
export const POST = (request: Request) => handleAuthRequest(request);
