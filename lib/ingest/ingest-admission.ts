// The ingestion API's share of process-wide back-pressure (lib/http/back-pressure.ts),
// from INGEST_MAX_IN_FLIGHT_REQUESTS and INGEST_MAX_IN_FLIGHT_BYTES. Every receiver
// admits its request here before reading the body, and releases it when done.
import { env } from "@/lib/env";
import type { AppError } from "@/lib/http/app-error";
import { admitRequest, refusalIfFull, type Admission } from "@/lib/http/back-pressure";

export const INGEST_POOL = "ingest";

function ingestLimits(maxBodyBytes: number) {
  const { INGEST_MAX_IN_FLIGHT_REQUESTS, INGEST_MAX_IN_FLIGHT_BYTES } = env();
  return {
    maxRequests: INGEST_MAX_IN_FLIGHT_REQUESTS,
    maxBytes: INGEST_MAX_IN_FLIGHT_BYTES,
    maxBodyBytes,
    settings: "INGEST_MAX_IN_FLIGHT_REQUESTS / INGEST_MAX_IN_FLIGHT_BYTES",
  };
}

export function admitIngestRequest(request: Request, maxBodyBytes: number = env().INGEST_MAX_BODY_BYTES): Admission {
  return admitRequest(INGEST_POOL, request, ingestLimits(maxBodyBytes));
}

/** The 503 admitIngestRequest would give a request declaring `contentLength` now (null: it would be admitted). */
export function ingestRefusalIfFull(contentLength: string | null): AppError | null {
  return refusalIfFull(INGEST_POOL, contentLength, ingestLimits(env().INGEST_MAX_BODY_BYTES));
}

/**
 * Runs `handle` (which reads and parses the body) inside an admission, released when it is
 * done; `handle` passes `admission.grow` to its body reader, so decompressed bytes count.
 */
export async function withIngestAdmission<T>(request: Request, maxBodyBytes: number, handle: (admission: Admission) => Promise<T>): Promise<T> {
  const admission = admitIngestRequest(request, maxBodyBytes);
  try {
    return await handle(admission);
  } finally {
    admission.release();
  }
}
