// CORS for routes that browsers on other origins call (the ingestion API). An origin is
// allowed when it is listed, compared in the form browsers send it (scheme and host
// lower-case, no default port), or when the list holds "*".
import { normalizeRequestOrigin } from "./cors-origins";

export interface CorsOptions {
  /** Origins as parseCorsOrigin gives them (CORS_ORIGINS is parsed so), or "*". */
  allowedOrigins: readonly string[];
  methods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders?: readonly string[];
  maxAgeSeconds?: number;
}

function allowedOrigin(request: Request, options: CorsOptions): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  if (options.allowedOrigins.includes("*")) return origin;
  // The header is echoed as sent: it is what the browser compares Allow-Origin with.
  const normalized = normalizeRequestOrigin(origin);
  return normalized !== null && options.allowedOrigins.includes(normalized) ? origin : null;
}

/** Headers for an actual (non-preflight) response: empty unless the origin is allowed. */
export function corsHeaders(request: Request, options: CorsOptions): Record<string, string> {
  const origin = allowedOrigin(request, options);
  // Vary even when refused, so a shared cache never serves one origin's answer to another.
  if (!origin) return options.allowedOrigins.length ? { Vary: "Origin" } : {};
  return {
    "Access-Control-Allow-Origin": origin,
    Vary: "Origin",
    ...(options.exposeHeaders?.length ? { "Access-Control-Expose-Headers": options.exposeHeaders.join(", ") } : {}),
  };
}

/** The answer to an OPTIONS preflight: 204, with permissions only for an allowed origin. */
export function preflightResponse(request: Request, options: CorsOptions): Response {
  const origin = allowedOrigin(request, options);
  const headers: Record<string, string> = { Allow: [...options.methods, "OPTIONS"].join(", "), Vary: "Origin" };
  if (origin) {
    Object.assign(headers, {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": [...options.methods, "OPTIONS"].join(", "),
      "Access-Control-Allow-Headers": options.allowHeaders.join(", "),
      "Access-Control-Max-Age": String(options.maxAgeSeconds ?? 86_400),
    });
  }
  return new Response(null, { status: 204, headers });
}
