// Builds requests for the ingestion route handlers, as a client (or a hostile one) would.
export const INGEST_BASE = "http://localhost/api";

export interface IngestRequestInit {
  key?: string | null;
  query?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
  raw?: BodyInit;
  method?: string;
}

export function ingestRequest(path: "events" | "errors", body: unknown, init: IngestRequestInit = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? "test-key" : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const contentType = init.contentType === undefined ? "application/json" : init.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  let raw = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  // A string body would get a default text/plain type; bytes get none.
  if (contentType === null && typeof raw === "string") raw = new TextEncoder().encode(raw);
  // What fetch sends on the wire for a string or bytes body (a Request built in memory has no
  // such header): the server's back-pressure counts a body without one as the largest allowed.
  if (headers["content-length"] === undefined && (typeof raw === "string" || raw instanceof Uint8Array)) {
    headers["content-length"] = String(typeof raw === "string" ? Buffer.byteLength(raw) : raw.byteLength);
  }
  return new Request(`${INGEST_BASE}/${path}${init.query ?? ""}`, {
    method: init.method ?? "POST",
    headers,
    body: raw,
    ...(raw instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}
