// The run timeline's filters, parsed from the URL (or an export request) with zod.
// Shared by the page, the live route and the export route so all three agree.
import { z } from "zod";
import { isStorableText } from "@/lib/format/storable-text";
import { firstParam } from "@/lib/http/search-params";
import { isActorType, isSeverity } from "@/lib/filters/log-enums";


export interface TimelineFilters {
  /** Only events, only errors, or both (empty). */
  kind?: "event" | "error";
  /** event_type for events, error_type for errors. */
  types: string[];
  /** Set: events of these actor types only (errors have no actor, so they drop out). */
  actorTypes: string[];
  /** Set: errors of these severities only (events have none, so they drop out). */
  severities: string[];
}

const list = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      [...new Set((Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v && isStorableText(v)))].slice(0, max),
    );

export const ZTimelineQuerySchema = z.object({
  kind: z.enum(["event", "error"]).optional().catch(undefined),
  type: list(20).pipe(z.array(z.string().max(200))).catch([]),
  actor: list(2).transform((v) => v.filter(isActorType)).catch([]),
  severity: list(3).transform((v) => v.filter(isSeverity)).catch([]),
  order: z.enum(["desc", "asc"]).optional().catch(undefined),
  cursor: z.string().max(600).optional().catch(undefined),
  // An id no row can have (NUL, unpaired surrogate) is ignored like any other unreadable value.
  at: z.string().max(200).refine(isStorableText).optional().catch(undefined),
});

export interface TimelineQuery {
  filters: TimelineFilters;
  order: "desc" | "asc";
  cursor?: string;
  at?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The timeline's state from page search params; anything unreadable falls back to the default. */
export function parseTimelineQuery(params: SearchParams): TimelineQuery {
  const parsed = ZTimelineQuerySchema.parse({
    kind: firstParam(params.kind),
    type: params.type,
    actor: params.actor,
    severity: params.severity,
    order: firstParam(params.order),
    cursor: firstParam(params.cursor),
    at: firstParam(params.at),
  });
  return {
    filters: { kind: parsed.kind, types: parsed.type, actorTypes: parsed.actor, severities: parsed.severity },
    order: parsed.order ?? "desc",
    cursor: parsed.cursor,
    at: parsed.at,
  };
}

/** URL search params for a timeline view; defaults are left out so links stay short. */
export function timelineSearchParams(query: { filters: TimelineFilters; order: "desc" | "asc"; cursor?: string; at?: string }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.filters.kind) params.set("kind", query.filters.kind);
  if (query.filters.types.length) params.set("type", query.filters.types.join(","));
  if (query.filters.actorTypes.length) params.set("actor", query.filters.actorTypes.join(","));
  if (query.filters.severities.length) params.set("severity", query.filters.severities.join(","));
  if (query.order === "asc") params.set("order", "asc");
  if (query.cursor) params.set("cursor", query.cursor);
  if (query.at) params.set("at", query.at);
  return params;
}

export function includesEvents(filters: TimelineFilters): boolean {
  return filters.kind !== "error" && filters.severities.length === 0;
}

export function includesErrors(filters: TimelineFilters): boolean {
  return filters.kind !== "event" && filters.actorTypes.length === 0;
}
