/** The ingestion API's documented limits (README "Ingestion limits"); read from the environment by ingest-config.ts. */
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
