import "server-only";
// The JSON API's receiver (POST /api/events, POST /api/errors; contract §3), in the order a
// refusal should be cheapest: key (401) → rate limit (429) → content type (415) → body
// size (413) → JSON (400) → items (400/413) → project binding (403) → one statement (201;
// 403 when a bound key's item names a run of another project; 503 when the database
// cannot take it). The route is built once; the configuration is read per request
// (ingestConfigFromEnv parses the environment once).
import { defineRoute, type RouteCors } from "@/lib/http/define-route";
import type { IngestConfig } from "./ingest-config";
import { ingestItems, type IngestEndpoint } from "./ingest-items";
import { authorizeIngest, readIngestKey } from "./authorize-ingest";
import { unwrapIngestBody } from "./parse-ingest-body";
import { readJsonBody } from "./read-json-body";
import { withIngestAdmission } from "./ingest-admission";

/** How every receiver's route learns its configuration: read per request, built once per process. */
export type GetIngestConfig = () => IngestConfig;

// Content-Encoding: a browser sending a gzip body (which the API takes) asks for it.
export const INGEST_ALLOW_HEADERS = ["Authorization", "Content-Type", "Content-Encoding"];

/** The JSON API's and OTLP's CORS: CORS_ORIGINS. */
export const ingestCors = (getConfig: GetIngestConfig): RouteCors => ({ origins: () => getConfig().corsOrigins, allowHeaders: INGEST_ALLOW_HEADERS });

export function createJsonIngestRoute<T extends { projectId?: string; runId?: string; createdAt?: Date }>(endpoint: IngestEndpoint<T>, getConfig: GetIngestConfig) {
  return defineRoute({
    auth: async (request) => {
      const config = getConfig();
      const now = new Date();
      const identity = await authorizeIngest({ request, key: readIngestKey(request), config, now, howToSendKey: "send Authorization: Bearer <key>, or ?key=<key>" });
      return { identity, config, receivedAt: now };
    },
    cors: ingestCors(getConfig),
    methods: {
      // Back-pressure: 503 before the body is read when the process holds enough already.
      POST: (request, { auth: { identity, config, receivedAt } }) => withIngestAdmission(request, config.limits.maxBodyBytes, async (admission) => {
        const { limits } = config;
        const body = await readJsonBody(request, { maxBytes: limits.maxBodyBytes, maxDepth: limits.maxDepth, timeoutMs: limits.bodyTimeoutMs, onBytes: admission.grow });
        const { rawItems, isBatch } = unwrapIngestBody({ body, batchKey: endpoint.batchKey, itemName: endpoint.itemName, maxBatchItems: limits.maxBatchItems });
        const { ids } = await ingestItems({
          identity,
          items: rawItems,
          endpoint,
          config,
          receivedAt,
          describeItem: (index) => (isBatch ? `${endpoint.batchKey}[${index}]` : endpoint.itemName),
        });
        // no-transform: Next would gzip the answer (up to 1,000 ids) on the server's one
        // thread, which cost more CPU than the bytes it saves on the wire.
        return Response.json({ ids }, { status: 201, headers: { "Cache-Control": "no-store, no-transform" } });
      }),
    },
  });
}
