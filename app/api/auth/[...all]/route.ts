import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { allowOptions, methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// GET|POST /api/auth/* – the better-auth endpoints logdeck uses (session, sign-out, SSO callback); others 404.
export const GET = (request: Request) => handleAuthRequest(request);
export const POST = (request: Request) => handleAuthRequest(request);

// PUT, DELETE, PATCH /api/auth/* – 405 with Allow and the JSON error body; OPTIONS says the same.
const notAllowed = methodNotAllowed(["GET", "HEAD", "POST"]);
export { notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
export const OPTIONS = allowOptions(["GET", "HEAD", "POST"]);
