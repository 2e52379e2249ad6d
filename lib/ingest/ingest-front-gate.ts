// The ingestion API's refusals at the front gate (lib/http/front-gate.ts), the same rules,
// bodies (the protocol's own for OTLP and Sentry) and CORS headers as the routes give,
// without Next.js routing the request first:
//   - a POST to a receiver while the process holds as many ingestion requests or bytes
//     as it may: 503 with Retry-After (lib/ingest/ingest-admission.ts);
//   - a key this process does not know, from an address over its budget of failed keys:
//     429 with Retry-After (lib/ingest-keys/throttle-key-failures.ts).
// Everything else, including every request that would be admitted, goes on to Next.js,
// where the route checks it for real.
import { AppError } from "@/lib/http/app-error";
import { routeCorsHeaders, type RouteCors } from "@/lib/http/define-route";
import { headerValue, toWebRequest, type FrontGate, type FrontGateRequest } from "@/lib/http/front-gate";
import { pathOf } from "@/lib/http/request-line";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { throttledKeyRefusal } from "@/lib/ingest-keys/throttle-key-failures";
import { readIngestKey } from "./authorize-ingest";
import { ingestCors } from "./create-json-ingest-route";
import { ingestRefusalIfFull } from "./ingest-admission";
import { ingestConfigFromEnv } from "./ingest-config";
import { otlpErrorResponse } from "./otlp/otlp-response";
import { sentryCors, sentryErrorResponse } from "./sentry/create-sentry-route";
import { readSentryKey } from "./sentry/read-sentry-key";

interface GatedRoute {
  path: RegExp;
  cors: RouteCors;
  render: (error: unknown, request: Request, headers: Record<string, string>) => Response;
  /** The key where this protocol carries it outside the body. */
  readKey: (request: Request) => string | null | undefined;
}

// The receivers, as app/ routes them (a trailing slash too).
const GATED: GatedRoute[] = [
  { path: /^\/api\/(?:events|errors)\/?$/, cors: ingestCors(ingestConfigFromEnv), render: (error, _request, headers) => toErrorResponse(error, headers), readKey: readIngestKey },
  { path: /^\/(?:api\/otlp\/)?v1\/(?:logs|traces)\/?$/, cors: ingestCors(ingestConfigFromEnv), render: otlpErrorResponse, readKey: readIngestKey },
  // A DSN's project is a number (create-sentry-route.ts); /api/runs/… and the like are other routes.
  { path: /^\/api\/\d{1,9}\/(?:envelope|store)\/?$/, cors: sentryCors(ingestConfigFromEnv), render: sentryErrorResponse, readKey: readSentryKey },
];

/** The path as Next.js routes it: dot segments resolved, no query or fragment. */
function routedPath(url: string): string {
  const plain = pathOf(url);
  if (!/\/\.\.?(?:\/|$)|%2e/i.test(plain)) return plain;
  try {
    return new URL(plain, "http://front-gate").pathname;
  } catch {
    return plain;
  }
}

export const ingestFrontGate: FrontGate = (request: FrontGateRequest) => {
  if (request.method !== "POST" || !request.url) return null;
  const pathname = routedPath(request.url);
  const route = GATED.find((gated) => gated.path.test(pathname));
  if (!route) return null;
  const full = ingestRefusalIfFull(headerValue(request, "content-length"));
  const webRequest = toWebRequest(request, request.url);
  const render = (refusal: AppError) => route.render(refusal, webRequest, routeCorsHeaders(webRequest, route.cors, ["POST"]));
  if (full) return Promise.resolve(render(full));
  return throttledKeyRefusal({ key: route.readKey(webRequest), request: webRequest }).then((refusal) => (refusal ? render(refusal) : null));
};
