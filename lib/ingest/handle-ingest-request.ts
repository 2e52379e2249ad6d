import "server-only";
// The whole of one ingestion request, in the order a refusal should be cheapest:
// key (401) → rate limit (429) → content type (415) → body size (413) → JSON (400) →
// items (400/413) → project binding (403) → one statement (201; 403 when a bound key's
// item names a run of another project; 503 when the database cannot take it). Every
// refusal goes through toErrorResponse, with CORS headers, so browser callers can read why.
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import type { Admission } from "@/lib/http/back-pressure";
import { corsHeaders, preflightResponse, type CorsOptions } from "@/lib/http/cors-headers";
import { toErrorResponse } from "@/lib/http/to-error-response";
import type { IngestKeyIdentity } from "@/lib/ingest-keys/authenticate-ingest-key";
import { authenticateIngestKeyThrottled } from "@/lib/ingest-keys/throttle-key-failures";
import { checkCreatedAt } from "./check-created-at";
import { assertCreationAllowed } from "./creation-limits";
import { admitIngestRequest } from "./ingest-admission";
import { getIngestLimits } from "./ingest-limits";
import type { ItemSchemaContext } from "./item-schemas";
import { parseIngestBody } from "./parse-ingest-body";
import { readJsonBody } from "./read-json-body";
import { DEFAULT_SCRUB_KEYS } from "./scrub-secrets";
import { takeRateLimitToken } from "./take-rate-limit-token";

type IngestItem = { projectId?: string; runId?: string; createdAt?: Date };

export interface StoreResult {
  /** The items' ids (given or made), in request order. */
  ids: string[];
  /** Runs of another project than the key's that items named: then nothing was stored. */
  foreignRunIds: string[];
  /** Ids of items already stored for another project than the key's: then nothing was stored. */
  foreignItemIds: string[];
}

export interface IngestEndpoint<T extends IngestItem> {
  batchKey: string;
  itemName: string;
  createSchema: (context: ItemSchemaContext) => z.ZodType<T>;
  /**
   * Stores the items atomically, filling in (in place) the ids and the createdAt
   * (`receivedAt`) they lack. With a key bound to a project, stores nothing when an item
   * names a run of another project.
   */
  store: (items: T[], options: { receivedAt: Date; boundProjectId: string | null }) => Promise<StoreResult>;
}

// zod compiles an object schema on its first use: build each once per configuration,
// not once per request (which cost more than the insert itself).
const schemaCache = new WeakMap<object, { key: string; schema: z.ZodType<unknown> }>();

function schemaFor<T extends IngestItem>(endpoint: IngestEndpoint<T>, context: ItemSchemaContext): z.ZodType<T> {
  const key = JSON.stringify(context);
  const cached = schemaCache.get(endpoint);
  if (cached?.key === key) return cached.schema as z.ZodType<T>;
  const schema = endpoint.createSchema(context);
  schemaCache.set(endpoint, { key, schema });
  return schema;
}

function corsOptions(): CorsOptions {
  return {
    allowedOrigins: env().CORS_ORIGINS,
    methods: ["POST"],
    // Content-Encoding: a browser sending a gzip body (which the API takes) asks for it.
    allowHeaders: ["Authorization", "Content-Type", "Content-Encoding"],
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

function assertKeyMayWrite<T extends IngestItem>(identity: IngestKeyIdentity, items: T[], { batchKey, itemName }: { batchKey: string; itemName: string }): void {
  const bound = identity.projectId;
  if (bound === null) return;
  const offending = items.flatMap((item, index) => (item.projectId !== undefined && item.projectId !== bound ? [index] : []));
  if (offending.length) {
    const where = items.length > 1 ? `${batchKey}[${offending[0]}]` : itemName;
    throw new AppError("forbidden", `This ingest key may only write project "${bound}"; ${where} names "${items[offending[0]!]!.projectId}".`, {
      details: offending.slice(0, 50).map((index) => ({ index, field: "projectId", message: `is not the key's project "${bound}"` })),
    });
  }
  // A bound key's items without a projectId belong to the key's project.
  for (const item of items) item.projectId ??= bound;
}

/**
 * 403: a bound key's items named what another project owns — runs (`runId`) or ids already
 * stored (`id`) — so nothing was stored. Details name every such item (up to 50).
 */
function foreignOwnerError<T extends IngestItem & { id?: string }>(
  bound: string,
  items: readonly T[],
  { field, values, owned, hint = "" }: { field: "runId" | "id"; values: readonly string[]; owned: string; hint?: string },
  { batchKey, itemName }: { batchKey: string; itemName: string },
): AppError {
  const foreign = new Set(values);
  const offending = items.flatMap((item, index) => (item[field] !== undefined && foreign.has(item[field]) ? [index] : []));
  const first = offending[0] ?? 0;
  const where = items.length > 1 ? `${batchKey}[${first}]` : itemName;
  return new AppError("forbidden", `This ingest key may only write project "${bound}"; ${where}.${field} "${items[first]?.[field] ?? values[0]}" ${owned}${hint}. Nothing was stored.`, {
    details: offending.slice(0, 50).map((index) => ({ index, field, message: `${owned} than the key's project "${bound}"` })),
  });
}

export async function handleIngestRequest<T extends IngestItem>(request: Request, endpoint: IngestEndpoint<T>): Promise<Response> {
  const cors = corsHeaders(request, corsOptions());
  let admission: Admission | undefined;
  try {
    const receivedAt = new Date();
    const identity = await authenticateIngestKeyThrottled({ key: readIngestKey(request), request, now: receivedAt });
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

    // Back-pressure: 503 before the body is read when the process holds enough already.
    admission = admitIngestRequest(request);
    const limits = getIngestLimits();
    const body = await readJsonBody(request, { maxBytes: limits.maxBodyBytes, maxDepth: limits.maxDepth, timeoutMs: limits.bodyTimeoutMs });
    const schema = schemaFor(endpoint, { limits, scrubKeys: INGEST_SCRUB_KEYS.length ? INGEST_SCRUB_KEYS : DEFAULT_SCRUB_KEYS });
    const items = parseIngestBody({
      body,
      batchKey: endpoint.batchKey,
      itemName: endpoint.itemName,
      schema,
      maxBatchItems: limits.maxBatchItems,
      checkItem: (item) => checkCreatedAt(item, { now: receivedAt, maxFutureSeconds: limits.maxFutureSeconds }),
    });
    assertKeyMayWrite(identity, items, endpoint);
    await assertCreationAllowed({ keyId: identity.keyId, items, now: receivedAt });

    const { ids, foreignRunIds, foreignItemIds } = await endpoint.store(items, { receivedAt, boundProjectId: identity.projectId });
    if (foreignRunIds.length) throw foreignOwnerError(identity.projectId!, items, { field: "runId", values: foreignRunIds, owned: "is a run of another project" }, endpoint);
    if (foreignItemIds.length) {
      throw foreignOwnerError(identity.projectId!, items, { field: "id", values: foreignItemIds, owned: "is already stored for another project", hint: " — ids must be unique across projects" }, endpoint);
    }
    // no-transform: Next would gzip the answer (up to 1,000 ids) on the server's one
    // thread, which cost more CPU than the bytes it saves on the wire.
    return Response.json({ ids }, { status: 201, headers: { ...cors, "Cache-Control": "no-store, no-transform" } });
  } catch (error) {
    return toErrorResponse(error, cors);
  } finally {
    admission?.release();
  }
}

/**
 * The CORS headers of an ingestion answer that is not the POST's own (the routes' 405s).
 * `Allow` is exposed too: it is what a 405's reader needs, and no CORS-safelisted header.
 */
export function ingestCorsHeaders(request: Request): Record<string, string> {
  const options = corsOptions();
  return corsHeaders(request, { ...options, exposeHeaders: [...(options.exposeHeaders ?? []), "Allow"] });
}

/** OPTIONS: the CORS preflight for the ingestion endpoints. */
export function handleIngestPreflight(request: Request): Response {
  return preflightResponse(request, corsOptions());
}
