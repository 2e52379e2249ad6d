// The two item shapes of contract §3, parsed once at the boundary. Unknown fields are
// refused rather than dropped: a misspelt "projectID" must not silently lose data.
import { z } from "zod";
import { ACTOR_TYPES, SEVERITIES } from "@/lib/filters/log-enums";
import type { IngestLimits } from "./ingest-limits";
import { INDEXED_ID_MAX_BYTES, INDEXED_TYPE_MAX_BYTES, zEnum, zJsonText, zScrubbedText, zStoredString, ZTimestampSchema, ZUuidSchema } from "./item-fields";

export interface ItemSchemaContext {
  limits: IngestLimits;
  scrubKeys: readonly string[];
}

const NOT_OBJECT = { error: "must be a JSON object" };

// Optional fields also take null, as most JSON serializers write an absent value.
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  schema.nullish().transform((value): z.output<T> => value ?? fallback);

export function createEventItemSchema({ limits, scrubKeys }: ItemSchemaContext) {
  const id = () => optional(zStoredString(limits.maxIdLength, "INGEST_MAX_ID_LENGTH", { maxBytes: INDEXED_ID_MAX_BYTES, identifier: true }));
  return z.strictObject(
    {
      id: id(),
      eventType: zStoredString(limits.maxStringLength, "INGEST_MAX_STRING_LENGTH", { maxBytes: INDEXED_TYPE_MAX_BYTES }),
      payload: withDefault(zJsonText(limits, scrubKeys, { objectOnly: true }), "{}"),
      projectId: id(),
      runId: id(),
      userId: id(),
      actorId: id(),
      actorType: withDefault(zEnum(ACTOR_TYPES), "system"),
      // Absent: the time of receipt, filled in by check-created-at.ts.
      createdAt: optional(ZTimestampSchema),
    },
    NOT_OBJECT,
  );
}

export function createErrorItemSchema({ limits, scrubKeys }: ItemSchemaContext) {
  const id = () => optional(zStoredString(limits.maxIdLength, "INGEST_MAX_ID_LENGTH", { maxBytes: INDEXED_ID_MAX_BYTES, identifier: true }));
  return z.strictObject(
    {
      id: id(),
      traceId: ZUuidSchema,
      errorType: zStoredString(limits.maxStringLength, "INGEST_MAX_STRING_LENGTH", { maxBytes: INDEXED_TYPE_MAX_BYTES }),
      message: zScrubbedText(limits.maxTextLength, "INGEST_MAX_TEXT_LENGTH", { allowEmpty: true }),
      stack: optional(zScrubbedText(limits.maxTextLength, "INGEST_MAX_TEXT_LENGTH", { allowEmpty: true })),
      // A JSON null detail is stored as SQL NULL, the same as no detail.
      detail: zJsonText(limits, scrubKeys, { objectOnly: false }).optional().transform((json) => (json === undefined || json === "null" ? undefined : json)),
      projectId: id(),
      runId: id(),
      endpoint: optional(zScrubbedText(limits.maxStringLength, "INGEST_MAX_STRING_LENGTH", { allowEmpty: true })),
      severity: withDefault(zEnum(SEVERITIES), "error"),
      // Absent: the time of receipt, filled in by check-created-at.ts.
      createdAt: optional(ZTimestampSchema),
    },
    NOT_OBJECT,
  );
}

export type TEventItem = z.output<ReturnType<typeof createEventItemSchema>>;
export type TErrorItem = z.output<ReturnType<typeof createErrorItemSchema>>;
