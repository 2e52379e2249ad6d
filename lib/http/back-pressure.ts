// Process-wide back-pressure for request bodies that are parsed into memory (ingestion):
// at most `maxRequests` such requests, holding at most `maxBytes` of body between them,
// are in flight at once; beyond that a request is refused with 503 and Retry-After
// before a byte of its body is read. Without it, parsed batches waiting on the insert pool
// piled up with nothing bounding them: 100 concurrent 1 MiB batches, within one key's
// burst, ran a 256 MB heap out. A body's size counts as its Content-Length, or as the
// largest body accepted when it has none (chunked); as the body is read, what is read
// beyond that (a compressed body's decompressed bytes) is counted too (Admission.grow),
// and a request that would pass the limit with others in flight is refused mid-read. One
// request is always admitted when nothing is in flight, so a limit below the body limit
// slows ingestion, never stops it.
import { AppError } from "./app-error";

export interface BackPressureLimits {
  maxRequests: number;
  maxBytes: number;
  /** Counted for a body without Content-Length (the most the route reads). */
  maxBodyBytes: number;
}

export interface Admission {
  /**
   * Counts `totalBytes` read so far (decompressed) against the limit, when it is more than
   * was counted: throws the 503 when that passes the limit while other requests are in flight.
   */
  grow(totalBytes: number): void;
  /** Gives the request's share back; idempotent. */
  release(): void;
}

/** Seconds a refused client is told to wait. */
export const BACK_PRESSURE_RETRY_AFTER_SECONDS = 1;

interface Gauge {
  requests: number;
  bytes: number;
  /** Requests refused since the process started (for benchmarks and logs). */
  refused: number;
}

// On globalThis: Next bundles each route separately; the bound is the process's.
const gauges = ((globalThis as { __logdeckBackPressure?: Map<string, Gauge> }).__logdeckBackPressure ??= new Map<string, Gauge>());

function gaugeFor(name: string): Gauge {
  let gauge = gauges.get(name);
  if (!gauge) gauges.set(name, (gauge = { requests: 0, bytes: 0, refused: 0 }));
  return gauge;
}

function declaredBytes(header: string | null, maxBodyBytes: number): number {
  if (header !== null && /^\d+$/.test(header.trim())) return Math.min(Number(header), maxBodyBytes);
  return maxBodyBytes;
}

/**
 * Admits `request` into the pool named `name`, or throws a 503 AppError (with Retry-After)
 * that names the setting to raise. The caller releases the admission once the request's
 * body and everything parsed from it can be collected (after the response is built).
 */
export function admitRequest(name: string, request: Request, limits: BackPressureLimits & { settings: string }): Admission {
  const gauge = gaugeFor(name);
  let bytes = declaredBytes(request.headers.get("content-length"), limits.maxBodyBytes);
  const refusal = refusalFor(gauge, bytes, limits);
  if (refusal) throw refusal;
  gauge.requests++;
  gauge.bytes += bytes;
  let released = false;
  return {
    grow(totalBytes) {
      if (released || totalBytes <= bytes) return;
      const extra = totalBytes - bytes;
      if (gauge.requests > 1 && gauge.bytes + extra > limits.maxBytes) {
        gauge.refused++;
        throw unavailable(limits);
      }
      gauge.bytes += extra;
      bytes = totalBytes;
    },
    release() {
      if (released) return;
      released = true;
      gauge.requests--;
      gauge.bytes -= bytes;
    },
  };
}

/**
 * The 503 admitRequest would throw for a request declaring `contentLength` now, without
 * admitting anything: for the server's front gate (lib/http/front-gate.ts), which refuses
 * before Next.js routes the request. Null when it would be admitted.
 */
export function refusalIfFull(name: string, contentLength: string | null, limits: BackPressureLimits & { settings: string }): AppError | null {
  return refusalFor(gaugeFor(name), declaredBytes(contentLength, limits.maxBodyBytes), limits);
}

function refusalFor(gauge: Gauge, bytes: number, limits: BackPressureLimits & { settings: string }): AppError | null {
  if (gauge.requests === 0 || (gauge.requests + 1 <= limits.maxRequests && gauge.bytes + bytes <= limits.maxBytes)) return null;
  gauge.refused++;
  return unavailable(limits);
}

function unavailable(limits: { settings: string }): AppError {
  return new AppError("service_unavailable", `The server is at its limit of requests in progress (${limits.settings}); retry after ${BACK_PRESSURE_RETRY_AFTER_SECONDS} s.`, {
    retryAfter: BACK_PRESSURE_RETRY_AFTER_SECONDS,
  });
}

/** What is in flight in the pool `name` now. */
export function readBackPressure(name: string): Readonly<Gauge> {
  return { ...gaugeFor(name) };
}
