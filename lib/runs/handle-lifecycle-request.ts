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
import { authorizeIngest, readIngestKey } from "@/lib/ingest/authorize-ingest";
import { ingestConfigFromEnv } from "@/lib/ingest/ingest-config";
import type { IngestLimits } from "@/lib/ingest/ingest-limits";
import { readJsonBody } from "@/lib/ingest/read-json-body";
import { zRouteId } from "./run-lifecycle-input";

// A run's or project's state is a few fields: no reason to read a megabyte.
const MAX_BODY_BYTES = 16_384;

function corsOptions(): CorsOptions {
  return { allowedOrigins: env().CORS_ORIGINS, methods: ["PATCH"], allowHeaders: ["Authorization", "Content-Type"], exposeHeaders: ["Retry-After"] };
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
    // The ingestion API's key check (401, failures throttled per address) and rate limit (429).
    const config = ingestConfigFromEnv();
    const identity = await authorizeIngest({ request, key: readIngestKey(request), config, now, howToSendKey: "send Authorization: Bearer <key>" });
    const { limits } = config;
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
