// OTLP/HTTP answers, in the request's encoding (protobuf or JSON): an Export…ServiceResponse
// on success, with partialSuccess counting the records not stored and saying why; a
// google.rpc.Status on failure, with the HTTP status the OTLP spec gives each case (clients
// retry only 429, 502, 503 and 504, honouring Retry-After).
import { create, toBinary, toJson, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { toAppError } from "@/lib/http/to-error-response";
import { RpcStatusSchema } from "./gen/logdeck/otlp/v1/otlp_pb";
import type { OtlpEncoding } from "./read-otlp-request";

const HEADERS = { "Cache-Control": "no-store, no-transform" };

export function otlpResponse<Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>, encoding: OtlpEncoding, status = 200): Response {
  const message = create(schema, init);
  if (encoding === "protobuf") {
    return new Response(toBinary(schema, message), { status, headers: { ...HEADERS, "Content-Type": "application/x-protobuf" } });
  }
  return Response.json(toJson(schema, message), { status, headers: HEADERS });
}

// google.rpc.Code for each HTTP status we answer with.
const RPC_CODES: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 408: 4, 409: 10, 413: 3, 415: 3, 429: 8, 500: 13, 503: 14 };

/** The encoding an error answer takes: protobuf when the request was, else JSON. */
export function requestEncoding(request: Request): OtlpEncoding {
  return /^application\/(x-)?protobuf\b/i.test(request.headers.get("content-type") ?? "") ? "protobuf" : "json";
}

export function otlpErrorResponse(error: unknown, request: Request, headers: Record<string, string>): Response {
  const appError = toAppError(error);
  const responseHeaders: Record<string, string> = { ...headers, ...appError.headers };
  if (appError.retryAfter !== undefined) responseHeaders["Retry-After"] = String(Math.max(1, Math.ceil(appError.retryAfter)));
  const response = otlpResponse(RpcStatusSchema, { code: RPC_CODES[appError.status] ?? 2, message: appError.message }, requestEncoding(request), appError.status);
  for (const [name, value] of Object.entries(responseHeaders)) response.headers.set(name, value);
  return response;
}
