import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

// GET|POST /api/auth/* – better-auth's own endpoints (session, sign-out, SSO callbacks).
export const GET = (request: Request) => auth().handler(request);
export const POST = (request: Request) => auth().handler(request);
