// Next.js answers a method a route does not export with a bare 405: no body and no
// `Allow` (RFC 9110 requires it). Routes export this for every other method Next routes
// (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS), so callers get the one error body and
// learn what to use — and an OPTIONS of their own, since Next's automatic one would list
// these 405 handlers as allowed.
import { AppError } from "./app-error";
import { toErrorResponse } from "./to-error-response";

export type RouteMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS";

/** The `Allow` value for a route offering these methods (OPTIONS always; HEAD with GET). */
export function allowHeader(methods: readonly RouteMethod[]): string {
  const all = new Set<RouteMethod>(methods);
  if (all.has("GET")) all.add("HEAD");
  all.add("OPTIONS");
  return [...all].join(", ");
}

/**
 * A route handler answering 405 with `Allow` and {"error": {"code": "method_not_allowed", …}}.
 * `headers` adds a route's own (the ingestion routes' CORS headers, so a browser app on an
 * allowed origin can read the answer, as it can read their POST answers).
 */
export function methodNotAllowed(methods: readonly RouteMethod[], options: { headers?: (request: Request) => Record<string, string> } = {}): (request: Request) => Response {
  const allow = allowHeader(methods);
  return (request) =>
    toErrorResponse(new AppError("method_not_allowed", `${request.method.slice(0, 20)} is not allowed here; allowed: ${allow}.`), { ...options.headers?.(request), Allow: allow });
}

/** OPTIONS for a route without CORS: 204 with the true `Allow`. */
export function allowOptions(methods: readonly RouteMethod[]): () => Response {
  const allow = allowHeader(methods);
  return () => new Response(null, { status: 204, headers: { Allow: allow } });
}
