import { env, type Env } from "@/lib/env";
import type { IngestLimits } from "./ingest-limits";
import { DEFAULT_SCRUB_KEYS } from "./scrub-secrets";

/**
 * Everything ingestion is configured by, read from the environment in one place: the core
 * (ingest-items.ts) and the receivers take it as a value, so a test builds a handler with
 * its own settings instead of setting process.env.
 */
export interface IngestConfig {
  limits: IngestLimits;
  /** The per-key token bucket. */
  rateLimit: { perSecond: number; burst: number };
  /** Keys whose values are filtered out of payload/detail. */
  scrubKeys: readonly string[];
  /** Origins browsers may send from (CORS_ORIGINS, normalized). */
  corsOrigins: readonly string[];
  /** OTLP/HTTP bodies: decompressed size limit (Collector batches are larger than 1 MiB). */
  otlpMaxBodyBytes: number;
  /** OTLP/HTTP requests: log records, or spans and span events, counted before decoding. */
  otlpMaxRecords: number;
  /** Sentry envelopes: decompressed size limit (attachments ride in the same envelope). */
  sentryMaxBodyBytes: number;
}

export function ingestConfigFrom(e: Env): IngestConfig {
  return {
    limits: {
      maxBodyBytes: e.INGEST_MAX_BODY_BYTES,
      maxBatchItems: e.INGEST_MAX_BATCH_ITEMS,
      maxPayloadBytes: e.INGEST_MAX_PAYLOAD_BYTES,
      maxDepth: e.INGEST_MAX_DEPTH,
      maxIdLength: e.INGEST_MAX_ID_LENGTH,
      maxStringLength: e.INGEST_MAX_STRING_LENGTH,
      maxTextLength: e.INGEST_MAX_TEXT_LENGTH,
      maxFutureSeconds: e.INGEST_MAX_FUTURE_SECONDS,
      bodyTimeoutMs: e.INGEST_BODY_TIMEOUT_SECONDS * 1000,
    },
    rateLimit: { perSecond: e.INGEST_RATE_LIMIT_PER_SECOND, burst: e.INGEST_RATE_LIMIT_BURST },
    scrubKeys: e.INGEST_SCRUB_KEYS.length ? e.INGEST_SCRUB_KEYS : DEFAULT_SCRUB_KEYS,
    corsOrigins: e.CORS_ORIGINS,
    otlpMaxBodyBytes: e.OTLP_MAX_BODY_BYTES,
    otlpMaxRecords: e.OTLP_MAX_RECORDS,
    sentryMaxBodyBytes: e.SENTRY_MAX_BODY_BYTES,
  };
}

const fromEnv = new WeakMap<Env, IngestConfig>();

/** This process's configuration (env() parses once; so is this built once). */
export function ingestConfigFromEnv(): IngestConfig {
  const e = env();
  let config = fromEnv.get(e);
  if (!config) {
    config = ingestConfigFrom(e);
    fromEnv.set(e, config);
  }
  return config;
}
