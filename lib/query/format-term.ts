// Query text for a field term, as a facet click adds it: the value is quoted (with " and \
// escaped) whenever the grammar would otherwise read it differently. No dependencies.

/** `value` as the language reads it back: bare when safe, "quoted" otherwise. */
export function quoteValue(value: string): string {
  if (value !== "" && /^[^\s,()"\\]+$/.test(value) && !value.endsWith("*")) return value;
  return quotePhrase(value);
}

/** `text` as one "quoted phrase", its " and \ escaped. */
export function quotePhrase(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The query with `field:value` (or `-field:value`) added as one more AND term. */
export function addTerm(query: string, field: string, value: string, exclude = false): string {
  const term = `${exclude ? "-" : ""}${field}:${quoteValue(value)}`;
  const trimmed = query.trim();
  if (!trimmed) return term;
  // A query with a top-level OR is wrapped, so the new term narrows all of it.
  return /(^|\s)OR(\s|$)/.test(trimmed) ? `(${trimmed}) ${term}` : `${trimmed} ${term}`;
}
