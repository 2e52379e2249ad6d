// Log text is shown as text. The only markup ever made from it is a link, and only for
// http(s) URLs: javascript:, data: and every other scheme stay plain text.

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const URL_LIKE = /https?:\/\/[^\s"'<>`\\]+/gi;

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in log text they
// could make a link show another URL than it opens ("https://a.test/\u202Emoc.evil…").
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every bidi control shown as its escape (`\u202E`), so none reorders what is shown. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `text` cut into plain parts and http(s) link parts, in order; joined they give `text` back. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    // Trailing punctuation usually ends the sentence, not the URL.
    const raw = match[0].replace(/[).,;:!?\]}]+$/, "");
    const start = match.index;
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function safeHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
