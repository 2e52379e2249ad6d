// nuqs parsers the views' URL states share (lib/runs/timeline-filters.ts,
// lib/errors/error-view-query.ts). A value a parser cannot read is ignored: the
// parameter's default applies, as if it were absent.
import { createMultiParser, createParser } from "nuqs/server";
import { isStorableText } from "@/lib/format/storable-text";

/**
 * A list, given repeated (`type=A&type=B`), comma-separated (`type=A,B`) or both, and
 * written back as one comma-separated value. Blank and repeated values are dropped, and
 * unstorable ones (a NUL, an unpaired surrogate: no stored value holds one); `pick` then
 * keeps what the view accepts, or returns null to ignore the whole list.
 */
export function parseAsCommaList<T extends string = string>(pick: (values: string[]) => T[] | null) {
  return createMultiParser<T[]>({
    parse: (values) => pick([...new Set(values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v && isStorableText(v)))]),
    serialize: (list) => [list.join(",")],
    eq: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  }).withDefault([]);
}

/** A string of at most `max` characters that `accept` accepts. */
export function parseAsBoundedString(max: number, accept: (value: string) => boolean = () => true) {
  return createParser<string>({ parse: (v) => (v.length <= max && accept(v) ? v : null), serialize: (v) => v });
}

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/**
 * What a view's nuqs loader reads: a page's searchParams, or a route's request URL. The
 * loader reads a record through URLSearchParams, which would turn an unpaired surrogate
 * into U+FFFD, a character a stored value can hold; here it becomes a NUL instead, which
 * none can, so the parsers drop it (the value, or that item of a list) as unreadable. (A
 * URL cannot carry one; a caller can.)
 */
export function loaderInput(input: SearchParamsRecord | string): SearchParamsRecord | string {
  if (typeof input === "string") return input;
  const keep = (value: string) => (value.isWellFormed() ? value : value.replace(/\p{Cs}/gu, "\u0000"));
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, Array.isArray(value) ? value.map(keep) : value === undefined ? value : keep(value)]));
}
