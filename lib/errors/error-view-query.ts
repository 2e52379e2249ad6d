// The errors view's state in the URL, defined once (nuqs parsers) for the page and every
// link to it: window or absolute range, severity and type filters, one group, list cursor.
// An unreadable value is ignored (its default applies), never an error.
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { z } from "zod";
import { isSeverity } from "@/lib/filters/log-enums";
import { loaderInput, parseAsBoundedString, parseAsCommaList, type SearchParamsRecord } from "@/lib/http/url-state-parsers";
import { ERROR_WINDOWS, type ErrorWindow } from "./error-window";

export interface ErrorViewQuery {
  window: ErrorWindow;
  severities: string[];
  types: string[];
  /** One group's fingerprint (`error_logs.fingerprint`), lower-case: the view shows only that group. */
  group?: string;
  cursor?: string;
  /** An absolute range (both set, from before to): overrides `window`. */
  from?: Date;
  to?: Date;
}

// Any 8-4-4-4-12 hex UUID, not only RFC 9562 ones: a fingerprint is an md5 cast to uuid,
// so its version and variant digits are arbitrary (z.uuid() would refuse most of them).
const FINGERPRINT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ZInstantSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const errorViewParsers = {
  window: parseAsStringLiteral(Object.keys(ERROR_WINDOWS) as ErrorWindow[]).withDefault("24h"),
  /** An absolute range (both set, from before to): overrides `window`. */
  from: createParser<Date>({ parse: (v) => ZInstantSchema.safeParse(v).data ?? null, serialize: (d) => d.toISOString() }),
  to: createParser<Date>({ parse: (v) => ZInstantSchema.safeParse(v).data ?? null, serialize: (d) => d.toISOString() }),
  severity: parseAsCommaList<string>((values) => values.filter(isSeverity)),
  // No stored type is longer, or holds a NUL or an unpaired surrogate: such a value is dropped, not queried.
  type: parseAsCommaList((values) => values.filter((t) => t.length <= 200).slice(0, 20)),
  group: createParser<string>({ parse: (v) => (FINGERPRINT.test(v) ? v.toLowerCase() : null), serialize: (v) => v }),
  cursor: parseAsBoundedString(400),
};

const loadErrorViewState = createLoader(errorViewParsers);
const serializeErrorViewState = createSerializer(errorViewParsers);

/** The errors view's state from a page's searchParams; anything unreadable falls back to the default. */
export function parseErrorViewQuery(params: SearchParamsRecord): ErrorViewQuery {
  const state = loadErrorViewState(loaderInput(params));
  return {
    window: state.window,
    severities: state.severity,
    types: state.type,
    group: state.group ?? undefined,
    cursor: state.cursor ?? undefined,
    // Both ends, from before to; otherwise neither (the window applies).
    ...(state.from && state.to && state.from < state.to ? { from: state.from, to: state.to } : {}),
  };
}

/**
 * The view's URL parameters, by the same parsers: defaults left out, an absolute range in
 * place of the window. Form-encoded (`from=…T10%3A00…`), as links to it have always been.
 */
export function errorViewSearchParams(query: Partial<ErrorViewQuery>): URLSearchParams {
  const range = query.from && query.to ? { from: query.from, to: query.to, window: null } : { from: null, to: null, window: query.window ?? null };
  return new URLSearchParams(serializeErrorViewState({ ...range, severity: query.severities ?? null, type: query.types ?? null, group: query.group ?? null, cursor: query.cursor ?? null }));
}

export function errorViewHref(projectId: string, query: ErrorViewQuery): string {
  const params = errorViewSearchParams(query);
  const base = `/projects/${encodeURIComponent(projectId)}/errors`;
  return params.size ? `${base}?${params}` : base;
}
