// The bodies of PATCH /api/runs/:runId and PATCH /api/projects/:projectId
// (docs/runs-and-projects.md), parsed once at the boundary. Unknown fields are refused, as
// ingestion's are: a misspelt "Status" must not silently do nothing.
import { z } from "zod";
import type { IngestLimits } from "@/lib/ingest/ingest-limits";
import { INDEXED_ID_MAX_BYTES, zEnum, zStoredString, ZTimestampSchema } from "@/lib/ingest/item-fields";

/** What a client may say about a run's state; "started" is stored (and answered) as "running". */
export const RUN_API_STATUSES = ["started", "succeeded", "failed", "cancelled"] as const;

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export function createRunUpdateSchema(limits: IngestLimits) {
  return z
    .strictObject(
      {
        name: optional(zStoredString(limits.maxStringLength, "INGEST_MAX_STRING_LENGTH")),
        status: optional(zEnum(RUN_API_STATUSES)),
        startedAt: optional(ZTimestampSchema),
        endedAt: optional(ZTimestampSchema),
        projectId: optional(zRouteId(limits)),
      },
      { error: "must be a JSON object" },
    )
    .superRefine((body, ctx) => {
      if (Object.values(body).every((value) => value === undefined)) {
        ctx.addIssue({ code: "custom", message: "names nothing to change: send name, status, startedAt, endedAt or projectId" });
      }
      if (body.endedAt && (body.status === undefined || body.status === "started")) {
        ctx.addIssue({ code: "custom", path: ["endedAt"], message: 'goes with a status that ends the run ("succeeded", "failed" or "cancelled")' });
      }
      if (body.endedAt && body.startedAt && body.endedAt < body.startedAt) {
        ctx.addIssue({ code: "custom", path: ["endedAt"], message: "is before startedAt" });
      }
      // As an item's createdAt: a run dated next year would sit at the top of every list.
      const latest = Date.now() + limits.maxFutureSeconds * 1000;
      for (const field of ["startedAt", "endedAt"] as const) {
        if (body[field] && body[field].getTime() > latest) {
          ctx.addIssue({ code: "custom", path: [field], message: `is more than ${limits.maxFutureSeconds} seconds in the future (INGEST_MAX_FUTURE_SECONDS)` });
        }
      }
    });
}

export function createProjectUpdateSchema(limits: IngestLimits) {
  return z.strictObject({ name: zProjectName(limits.maxStringLength) }, { error: "must be a JSON object" });
}

/** A project's display name: what the API and the dashboard's rename accept. */
export function zProjectName(max: number) {
  return zStoredString(max, "INGEST_MAX_STRING_LENGTH").refine((name) => name.trim().length > 0, "must not be blank");
}

/** An id as ingestion takes it (a run's or project's, in the URL or the body). */
export function zRouteId(limits: IngestLimits) {
  return zStoredString(limits.maxIdLength, "INGEST_MAX_ID_LENGTH", { maxBytes: INDEXED_ID_MAX_BYTES, identifier: true });
}

export type TRunUpdate = z.output<ReturnType<typeof createRunUpdateSchema>>;
