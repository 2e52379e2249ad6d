import { env } from "@/lib/env";

/** The ingestion API's documented limits (README "Ingestion limits"), from the environment. */
export interface IngestLimits {
  maxBodyBytes: number;
  maxBatchItems: number;
  maxPayloadBytes: number;
  maxDepth: number;
  maxIdLength: number;
  maxStringLength: number;
  maxTextLength: number;
  maxFutureSeconds: number;
  /** How long a request's body may take to arrive. */
  bodyTimeoutMs: number;
}

export function getIngestLimits(): IngestLimits {
  const e = env();
  return {
    maxBodyBytes: e.INGEST_MAX_BODY_BYTES,
    maxBatchItems: e.INGEST_MAX_BATCH_ITEMS,
    maxPayloadBytes: e.INGEST_MAX_PAYLOAD_BYTES,
    maxDepth: e.INGEST_MAX_DEPTH,
    maxIdLength: e.INGEST_MAX_ID_LENGTH,
    maxStringLength: e.INGEST_MAX_STRING_LENGTH,
    maxTextLength: e.INGEST_MAX_TEXT_LENGTH,
    maxFutureSeconds: e.INGEST_MAX_FUTURE_SECONDS,
    bodyTimeoutMs: e.INGEST_BODY_TIMEOUT_SECONDS * 1000,
  };
}
