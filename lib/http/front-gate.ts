// The server's front gate: answers a request can get before Next.js routes it. Refusing
// under load through Next.js cost ~1.9 ms of the one event loop per request (routing,
// the proxy, building a web Request, the route's wrapper); clients that resend at once
// after a 503 (no back-off) made that most of the loop, and every page waited behind it
// (bench:ingest --flood). scripts/server-worker.mjs, the process `npm start` runs, asks the
// gate installed here for every request before handing it to Next.js; only refusals are
// answered here, each by the same rules and in the same body as the route would answer.

import { requestLineRefusal } from "./request-line";
import { toErrorResponse } from "./to-error-response";

/** What the gate sees of a request: no body (it is never read here). */
export interface FrontGateRequest {
  method?: string;
  /** Path and query, as received. */
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

/**
 * A refusal to send as it is, or null: Next.js handles the request. Null at once for a
 * request the gate has nothing to say about; a promise when deciding needs a look at
 * state kept asynchronously (rate limiters).
 */
export type FrontGate = (request: FrontGateRequest) => Promise<Response | null> | null;

const holder = globalThis as { __logdeckFrontGate?: FrontGate };

/**
 * Installs `gate` for this process (instrumentation.ts, when the server starts), behind
 * the request line's own refusals (lib/http/request-line.ts), which come first.
 */
export function installFrontGate(gate: FrontGate): void {
  holder.__logdeckFrontGate = (request) => {
    const refusal = requestLineRefusal(request.method, request.url);
    return refusal ? Promise.resolve(toErrorResponse(refusal)) : gate(request);
  };
}

/**
 * The request as a web Request without a body, with X-Forwarded-For filled in from the
 * connection when absent — as Next.js gives it to route handlers, so the rules that read
 * a client's address see the same one here.
 */
export function toWebRequest(request: FrontGateRequest, pathAndQuery: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  if (!headers.has("x-forwarded-for") && request.socket?.remoteAddress) headers.set("x-forwarded-for", request.socket.remoteAddress);
  return new Request(`http://front-gate${pathAndQuery}`, { method: request.method, headers });
}

/** A header's single value (the first, when sent several times). */
export function headerValue(request: FrontGateRequest, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
