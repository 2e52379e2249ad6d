// JSON whose numbers survive the trip. JSON.parse turns every number into a double, so
// an id like 12345678901234567890 or a decimal with 17+ digits comes out changed, while
// PostgreSQL's jsonb keeps numbers exactly (as numeric). Bodies, payloads and stored
// JSON go through these functions wherever the text is parsed or printed, so a number is
// shown and exported as it was sent. lossless-json (the library jsoneditor builds on)
// does the parsing, and only for text that may hold such a number: it is several times
// slower than the engine's JSON.parse, which handles everything else.
import { isLosslessNumber, isSafeNumber, LosslessNumber, parse as parseLossless, stringify as stringifyLossless } from "lossless-json";

export { isLosslessNumber };

// A number literal a double may not hold exactly has 16 or more digits (with at most one
// point among them), or a three-digit exponent (beyond double's range). JSON puts a number
// only at the start, or after ":", "[" or "," and whitespace, which keeps ids like
// "123e4567-…" or "a5e123" inside strings from matching. Text inside a string may still
// match ("at: 1234567890123456"); the careful parser then reads the body, to the same
// result: this may match more than numbers, never fewer.
const MAY_HOLD_INEXACT_NUMBER = /(?:^|[:[,])\s*-?(?:(?:\d\.?){16}|\d+(?:\.\d*)?[eE][+-]?\d{3})/;

/** Whether `text` may hold a number that JSON.parse would round. */
export function mayHoldInexactNumber(text: string): boolean {
  return MAY_HOLD_INEXACT_NUMBER.test(text);
}

/**
 * JSON.parse, except that a number a double cannot hold exactly comes back as a
 * LosslessNumber (its text) instead of a rounded double. Duplicate keys resolve as
 * JSON.parse resolves them (the last wins). Throws SyntaxError on invalid JSON.
 */
export function parseJsonExactly(text: string): unknown {
  if (!mayHoldInexactNumber(text)) return JSON.parse(text);
  return parseLossless(text, null, {
    parseNumber: (literal) => (isSafeNumber(literal) ? Number(literal) : new LosslessNumber(literal)),
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

/**
 * JSON.stringify for a value that may hold LosslessNumbers (from parseJsonExactly), which
 * are written as their original text. `replacer` is called as JSON.stringify calls it.
 */
export function stringifyJsonExactly(
  value: unknown,
  replacer?: ((this: unknown, key: string, value: unknown) => unknown) | null,
  space?: number,
): string {
  return stringifyLossless(value, replacer ?? null, space) ?? "null";
}

/**
 * Stored JSON text (jsonb::text) indented for reading, its numbers exactly as stored;
 * text that is not JSON is returned as it is.
 */
export function prettyJsonText(text: string): string {
  try {
    if (!mayHoldInexactNumber(text)) return JSON.stringify(JSON.parse(text), null, 2);
    // Every number kept as its text: nothing is converted, so nothing can change.
    return stringifyLossless(parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue }), null, 2) ?? text;
  } catch {
    return text;
  }
}
