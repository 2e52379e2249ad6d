import "server-only";
// PATCH /api/runs/:runId and PATCH /api/projects/:projectId: what a client says about its
// runs and projects, with ingestion's key, rate limit, body limits and error body.
// key (401) → rate limit (429) → id in the URL (400) → content type (415) → body (413/400)
// → fields (400) → ownership (403/409) → 200 with the stored state.
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError, type AppErrorDetail } from "@/lib/http/app-error";
import { corsHeaders, preflightResponse, type CorsOptions } from "@/lib/http/cors-headers";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { authenticateIngestKey } from "@/lib/ingest-keys/authenticate-ingest-key";
import { getIngestLimits, type IngestLimits } from "@/lib/ingest/ingest-limits";
import { readJsonBody } from "@/lib/ingest/read-json-body";
import { takeRateLimitToken } from "@/lib/ingest/take-rate-limit-token";
import { zRouteId } from "./run-lifecycle-input";

// A run's or project's state is a few fields: no reason to read a megabyte.
const MAX_BODY_BYTES = 16_384;

function corsOptions(): CorsOptions {
  return { allowedOrigins: env().CORS_ORIGINS, methods: ["PATCH"], allowHeaders: ["Authorization", "Content-Type"], exposeHeaders: ["Retry-After"] };
}

function readIngestKey(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: AppErrorDetail[] = result.error.issues.slice(0, 50).flatMap((issue): AppErrorDetail[] => {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: key.slice(0, 100), message: "is not a known field" }));
    const limit = issue.code === "custom" ? (issue.params as { limit?: string } | undefined)?.limit : undefined;
    return [{ ...(field ? { field } : {}), message: issue.message, ...(limit ? { limit } : {}) }];
  });
  const first = details[0]!;
  throw new AppError(details.every((d) => d.limit) ? "payload_too_large" : "validation_failed", `${where}${first.field ? `.${first.field}` : ""} ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ""}`, { details });
}

/**
 * Runs one lifecycle request: authenticates the ingest key, takes a rate-limit token,
 * checks the id in the URL (`idName`: "runId" or "projectId") and parses the body with the
 * schema `createSchema` builds; `apply` does the write and gives the answer's body.
 */
export async function handleLifecycleRequest<T>(
  request: Request,
  { id, idName, createSchema, apply }: { id: string; idName: string; createSchema: (limits: IngestLimits) => z.ZodType<T>; apply: (input: { id: string; body: T; boundProjectId: string | null; now: Date }) => Promise<unknown> },
): Promise<Response> {
  const cors = corsHeaders(request, corsOptions());
  try {
    const now = new Date();
    const identity = await authenticateIngestKey({ key: readIngestKey(request), now });
    if (!identity) {
      throw new AppError("unauthorized", "A valid ingest key is required: send Authorization: Bearer <key>.", { headers: { "WWW-Authenticate": 'Bearer realm="logdeck ingest"' } });
    }
    const { INGEST_RATE_LIMIT_PER_SECOND, INGEST_RATE_LIMIT_BURST } = env();
    const rate = takeRateLimitToken(identity.keyId, { perSecond: INGEST_RATE_LIMIT_PER_SECOND, burst: INGEST_RATE_LIMIT_BURST });
    if (!rate.allowed) {
      throw new AppError("rate_limited", `Too many requests for this ingest key (INGEST_RATE_LIMIT_PER_SECOND=${INGEST_RATE_LIMIT_PER_SECOND}); retry after ${rate.retryAfterSeconds} s.`, { retryAfter: rate.retryAfterSeconds });
    }
    const limits = getIngestLimits();
    const checkedId = parseWith(zRouteId(limits), id, idName);
    const raw = await readJsonBody(request, { maxBytes: MAX_BODY_BYTES, maxDepth: 4, timeoutMs: limits.bodyTimeoutMs });
    const body = parseWith(createSchema(limits), raw, "body");
    const answer = await apply({ id: checkedId, body, boundProjectId: identity.projectId, now });
    return Response.json(answer, { headers: { ...cors, "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, cors);
  }
}

export function handleLifecyclePreflight(request: Request): Response {
  return preflightResponse(request, corsOptions());
}

export function lifecycleCorsHeaders(request: Request): Record<string, string> {
  const options = corsOptions();
  return corsHeaders(request, { ...options, exposeHeaders: [...(options.exposeHeaders ?? []), "Allow"] });
}
