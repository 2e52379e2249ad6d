// The nesting depth of JSON text, measured on the raw text before parsing, so that a
// hostile `[[[[…` a megabyte deep is refused before any recursive code sees it.

/** The deepest nesting of objects/arrays in `text`, stopping early once past `stopAbove`. */
export function measureJsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  // Where the next backslash and the next quote are (Infinity: none left), each found
  // once and again only when passed, so the text is searched for each once in all: a
  // search to the string's end at every escape made a long string of escapes quadratic
  // (990 KB of "a\n" held the thread for 1.8 s).
  let nextBackslash = -1;
  let nextQuote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      else {
        // Jump to the string's next quote or backslash with the native search instead of
        // stepping through its characters: JSON bodies are mostly strings.
        if (nextBackslash < i) {
          const found = text.indexOf("\\", i);
          nextBackslash = found < 0 ? Infinity : found;
        }
        if (nextQuote < i) {
          const found = text.indexOf('"', i);
          nextQuote = found < 0 ? Infinity : found;
        }
        if (nextQuote === Infinity) return deepest;
        i = Math.min(nextQuote, nextBackslash) - 1;
      }
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}
