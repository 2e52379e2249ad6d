// The explorer's state in the URL, defined once (nuqs parsers) for the page, its export
// and live routes, the histogram's zoom and the saved searches: query, time range, kind,
// cursor. Links are built with the serializer, which leaves defaults out.
import { createLoader, createSerializer, parseAsIsoDateTime, parseAsString, parseAsStringLiteral } from "nuqs/server";

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
