// JSON.parse keeps the last of two equal keys without a word: {"dryRun": true,
// "dryRun": false} reads as a real run. Bodies whose every field matters are scanned for
// such keys after parsing (so the text is known to be valid JSON) and refused.

/** The first key that an object of this (valid) JSON text names twice, or null. */
export function findDuplicateJsonKey(text: string): string | null {
  // One frame per open object (its keys so far) or array (null).
  const stack: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        // Decoded, so "dry\u0052un" is "dryRun" too.
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (char === "{") {
      stack.push({ keys: new Set(), expectKey: true });
    } else if (char === "[") {
      stack.push({ keys: null, expectKey: false });
    } else if (char === "}" || char === "]") {
      stack.pop();
    } else if (char === ",") {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return null;
}
