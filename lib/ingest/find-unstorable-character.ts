import { isStorableText } from "@/lib/format/storable-text";

// PostgreSQL's text and jsonb cannot hold U+0000, nor a UTF-16 surrogate without its
// pair (JSON allows "\ud800"; PostgreSQL refuses it, and the driver would silently turn
// it into U+FFFD in text). Such strings are refused at the boundary, never altered.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
export function findUnstorableCharacter(text: string): string | null {
  // The native checks first: nearly every string passes, and the regex (with its
  // lookarounds) costs several times more per character. It runs only to say where.
  if (isStorableText(text)) return null;
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === "\u0000"
    ? `contains a NUL character (\\u0000) at position ${match.index}, which PostgreSQL cannot store`
    : `contains an unpaired UTF-16 surrogate at position ${match.index}, which is not valid Unicode`;
}
