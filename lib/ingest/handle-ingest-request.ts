import "server-only";
// The whole of one ingestion request, in the order a refusal should be cheapest:
// key (401) → rate limit (429) → content type (415) → body size (413) → JSON (400) →
// items (400/413) → project binding (403) → one transaction (201, or 503 when the
// database cannot take it). Every refusal goes through toErrorResponse, with CORS
// headers, so browser callers can read why.
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { corsHeaders, preflightResponse, type CorsOptions } from "@/lib/http/cors-headers";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { authenticateIngestKey, type IngestKeyIdentity } from "@/lib/ingest-keys/authenticate-ingest-key";
import { getIngestLimits } from "./ingest-limits";
import type { ItemSchemaContext } from "./item-schemas";
import { parseIngestBody } from "./parse-ingest-body";
import { readJsonBody } from "./read-json-body";
import { DEFAULT_SCRUB_KEYS } from "./scrub-secrets";
import { takeRateLimitToken } from "./take-rate-limit-token";

export interface IngestEndpoint<T extends { projectId?: string }> {
  batchKey: string;
  itemName: string;
  createSchema: (context: ItemSchemaContext) => z.ZodType<T>;
  store: (items: readonly T[]) => Promise<string[]>;
}

function corsOptions(): CorsOptions {
  return {
    allowedOrigins: env().CORS_ORIGINS,
    methods: ["POST"],
    allowHeaders: ["Authorization", "Content-Type"],
    exposeHeaders: ["Retry-After"],
  };
}

/** The key from `Authorization: Bearer …`, else from `?key=` (sendBeacon cannot set headers). */
function readIngestKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1]! : null;
  }
  return new URL(request.url).searchParams.get("key");
}

function assertKeyMayWrite<T extends { projectId?: string }>(identity: IngestKeyIdentity, items: T[], batchKey: string): void {
  const bound = identity.projectId;
  if (bound === null) return;
  const offending = items.flatMap((item, index) => (item.projectId !== undefined && item.projectId !== bound ? [index] : []));
  if (offending.length) {
    throw new AppError("forbidden", `This ingest key may only write project "${bound}"; ${batchKey}[${offending[0]}] names "${items[offending[0]!]!.projectId}".`, {
      details: offending.slice(0, 50).map((index) => ({ index, field: "projectId", message: `is not the key's project "${bound}"` })),
    });
  }
  // A bound key's items without a projectId belong to the key's project.
  for (const item of items) item.projectId ??= bound;
}

export async function handleIngestRequest<T extends { projectId?: string }>(request: Request, endpoint: IngestEndpoint<T>): Promise<Response> {
  const cors = corsHeaders(request, corsOptions());
  try {
    const receivedAt = new Date();
    const identity = await authenticateIngestKey({ key: readIngestKey(request), now: receivedAt });
    if (!identity) {
      throw new AppError("unauthorized", "A valid ingest key is required: send Authorization: Bearer <key>, or ?key=<key>.", {
        headers: { "WWW-Authenticate": 'Bearer realm="logdeck ingest"' },
      });
    }
    const { INGEST_RATE_LIMIT_PER_SECOND, INGEST_RATE_LIMIT_BURST, INGEST_SCRUB_KEYS } = env();
    const rate = takeRateLimitToken(identity.keyId, { perSecond: INGEST_RATE_LIMIT_PER_SECOND, burst: INGEST_RATE_LIMIT_BURST });
    if (!rate.allowed) {
      throw new AppError("rate_limited", `Too many requests for this ingest key (INGEST_RATE_LIMIT_PER_SECOND=${INGEST_RATE_LIMIT_PER_SECOND}); retry after ${rate.retryAfterSeconds} s.`, {
        retryAfter: rate.retryAfterSeconds,
      });
    }

    const limits = getIngestLimits();
    const body = await readJsonBody(request, { maxBytes: limits.maxBodyBytes, maxDepth: limits.maxDepth });
    const schema = endpoint.createSchema({ limits, scrubKeys: INGEST_SCRUB_KEYS.length ? INGEST_SCRUB_KEYS : DEFAULT_SCRUB_KEYS, now: receivedAt });
    const items = parseIngestBody({ body, batchKey: endpoint.batchKey, itemName: endpoint.itemName, schema, maxBatchItems: limits.maxBatchItems });
    assertKeyMayWrite(identity, items, endpoint.batchKey);

    const ids = await endpoint.store(items);
    return Response.json({ ids }, { status: 201, headers: { ...cors, "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, cors);
  }
}

/** OPTIONS: the CORS preflight for the ingestion endpoints. */
export function handleIngestPreflight(request: Request): Response {
  return preflightResponse(request, corsOptions());
}
