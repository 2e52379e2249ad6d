// The explorer's state in the URL, defined once (nuqs parsers) for the page, its export
// and live routes, the histogram's zoom and the saved searches: query, time range, kind,
// cursor. Links are built with the serializer, which leaves defaults out.
import { firstParam } from "@/lib/http/search-params";
import { createLoader, createSerializer, parseAsIsoDateTime, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { isWithinUserTimestampBounds } from "@/lib/format/user-timestamp";

export const RANGE_PRESETS = ["15m", "1h", "24h", "7d", "30d", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = { "15m": "15 min", "1h": "1 h", "24h": "24 h", "7d": "7 d", "30d": "30 d", all: "Everything retained" };

export const exploreParsers = {
  q: parseAsString.withDefault(""),
  range: parseAsStringLiteral(RANGE_PRESETS).withDefault("24h"),
  /** Absolute range (both set): overrides `range`. */
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
  cursor: parseAsString,
};

export type ExploreState = {
  q: string;
  range: RangePreset;
  from: Date | null;
  to: Date | null;
  cursor: string | null;
};

export const loadExploreState = createLoader(exploreParsers);

type RawParams = Record<string, string | string[] | undefined>;
const quoted = (value: string) => JSON.stringify(value.slice(0, 60));

/**
 * What is wrong with the URL's time range, or null: the parsers above read a range they
 * cannot use as no range (the default 24 h), and a search must not quietly answer for
 * another range than the one asked for. The export and live routes refuse it (400); the
 * page says so above its rows.
 */
export function timeRangeProblem(raw: RawParams, state: ExploreState): { field: "range" | "from" | "to"; message: string } | null {
  const range = firstParam(raw.range);
  if (range && !(RANGE_PRESETS as readonly string[]).includes(range)) {
    return { field: "range", message: `range is one of ${RANGE_PRESETS.join(", ")}; got ${quoted(range)}.` };
  }
  const from = firstParam(raw.from);
  const to = firstParam(raw.to);
  if (!from && !to) return null;
  if (!from || !to) return { field: from ? "to" : "from", message: "from and to go together: set both, or neither." };
  for (const [field, text, parsed] of [["from", from, state.from], ["to", to, state.to]] as const) {
    if (!parsed) return { field, message: `${field} is not a date and time: write it as ISO 8601 with its zone, e.g. 2026-12-01T09:30:00Z; got ${quoted(text)}.` };
    // Nothing is stored before 1970, and PostgreSQL refuses a year 0 outright (22008).
    if (!isWithinUserTimestampBounds(parsed)) return { field, message: `${field} must be between 1970-01-01 and 9999-12-31; got ${quoted(text)}.` };
  }
  if (state.from!.getTime() >= state.to!.getTime()) return { field: "from", message: "from must be before to." };
  return null;
}

const serialize = createSerializer(exploreParsers);

/** The explorer's URL for `state` under `base` (/explore or /projects/<id>/explore). */
export function exploreHref(base: string, state: Partial<ExploreState>): string {
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): it becomes U+FFFD.
  const href = serialize(base, { q: state.q ? state.q.toWellFormed() : null, range: state.range ?? null, from: state.from ?? null, to: state.to ?? null, cursor: state.cursor ?? null });
  // nuqs leaves non-ASCII characters as they are, for readable URLs; a Location header
  // (the go-to box's redirect) may hold none of them (Node refuses it: a 500 for "日本語").
  return href.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

export function exploreBase(projectId?: string | null): string {
  return projectId ? `/projects/${encodeURIComponent(projectId)}/explore` : "/explore";
}
