// The run timeline's state in the URL, defined once (nuqs parsers) for the run page, its
// export and live routes and every link to a timeline: filters, order, cursor, `at`. An
// unreadable value is ignored (its default applies), never an error.
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { isStorableText } from "@/lib/format/storable-text";
import { loaderInput, parseAsBoundedString, parseAsCommaList, type SearchParamsRecord } from "@/lib/http/url-state-parsers";
import { isActorType, isSeverity, LOG_KINDS } from "@/lib/filters/log-enums";
import { runPath } from "./row-permalink";

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

export interface TimelineQuery {
  filters: TimelineFilters;
  order: "desc" | "asc";
  cursor?: string;
  at?: string;
}

export const timelineParsers = {
  kind: parseAsStringLiteral(LOG_KINDS),
  // Twenty at most; one longer than a stored type can be makes the list unreadable.
  type: parseAsCommaList((values) => {
    const types = values.slice(0, 20);
    return types.some((t) => t.length > 200) ? null : types;
  }),
  // The first two values given (three for severities: as many as there are), then the known ones.
  actor: parseAsCommaList<string>((values) => values.slice(0, 2).filter(isActorType)),
  severity: parseAsCommaList<string>((values) => values.slice(0, 3).filter(isSeverity)),
  order: parseAsStringLiteral(["desc", "asc"] as const).withDefault("desc"),
  cursor: parseAsBoundedString(600),
  // An id no row can have (NUL, unpaired surrogate) is ignored like any other unreadable value.
  at: parseAsBoundedString(200, isStorableText),
};

const loadTimelineState = createLoader(timelineParsers);
const serializeTimelineState = createSerializer(timelineParsers);

/**
 * The timeline's state from a page's searchParams or a route's request URL; anything
 * unreadable falls back to the default.
 */
export function parseTimelineQuery(input: SearchParamsRecord | string): TimelineQuery {
  const state = loadTimelineState(loaderInput(input));
  return {
    filters: { kind: state.kind ?? undefined, types: state.type, actorTypes: state.actor, severities: state.severity },
    order: state.order,
    cursor: state.cursor ?? undefined,
    at: state.at ?? undefined,
  };
}

/**
 * URL search params for a timeline view, by the same parsers; defaults are left out so
 * links stay short. Form-encoded (`type=A%2CB`), as links to a timeline have always been.
 */
export function timelineSearchParams(query: { filters: TimelineFilters; order: "desc" | "asc"; cursor?: string; at?: string }): URLSearchParams {
  const { filters } = query;
  return new URLSearchParams(
    serializeTimelineState({ kind: filters.kind ?? null, type: filters.types, actor: filters.actorTypes, severity: filters.severities, order: query.order, cursor: query.cursor ?? null, at: query.at ?? null }),
  );
}

/** A link to a timeline view of the run. */
export function timelineHref(runId: string, query: Parameters<typeof timelineSearchParams>[0]): string {
  const params = timelineSearchParams(query);
  return params.size ? `${runPath(runId)}?${params}` : runPath(runId);
}

/**
 * The live route's own parameters, beside the filters: opaque cursors (lib/runs/timeline-cursor.ts)
 * of the newest row the view has (`after`), of where a poll that ran out of pages stopped
 * (`from`), and of the bottom row of a page with older pages below it (`floor`).
 */
const liveParsers = { after: parseAsString, from: parseAsString, floor: parseAsString };

export const loadLiveCursors = createLoader(liveParsers);
const serializeLiveCursors = createSerializer(liveParsers);

/** The live route's URL for a view with these filters (`filtersQuery`: timelineSearchParams) and cursors. */
export function liveHref(runId: string, filtersQuery: string, cursors: { after: string | null; from: string | null; floor: string | null }): string {
  return `/api${runPath(runId)}/live${serializeLiveCursors(new URLSearchParams(filtersQuery), cursors)}`;
}

/** Whether any filter is set (the order is not a filter). */
export function hasFilters(filters: TimelineFilters): boolean {
  return Boolean(filters.kind || filters.types.length || filters.actorTypes.length || filters.severities.length);
}

/** The run's export in `format`, with the view's filters and order. */
export function timelineExportHref(runId: string, query: { filters: TimelineFilters; order: "desc" | "asc" }, format: "csv" | "ndjson" | "json"): string {
  return `/api${runPath(runId)}/export?${new URLSearchParams([...timelineSearchParams({ filters: query.filters, order: query.order }), ["format", format]])}`;
}

export function includesEvents(filters: TimelineFilters): boolean {
  return filters.kind !== "error" && filters.severities.length === 0;
}

export function includesErrors(filters: TimelineFilters): boolean {
  return filters.kind !== "event" && filters.actorTypes.length === 0;
}
