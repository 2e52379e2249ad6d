// A user's name and image, wherever they are set (the users page, the first admin, single
// sign-on's profile, better-auth's own writes): bounded and cleaned, so no name can make a
// page megabytes long, imitate another user with bidi overrides or invisible characters,
// or smuggle a script URL into an <img>.

/** The longest name kept, in characters (code points). */
export const MAX_USER_NAME_LENGTH = 100;
/** The longest image URL kept. */
export const MAX_USER_IMAGE_LENGTH = 2_048;

// C0/C1 controls, DEL; bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069),
// marks (U+200E/F, U+061C); zero-width and other invisible formatting characters; the
// line/paragraph separators; unpaired surrogates; noncharacters U+FFFE/FFFF.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The name as stored: unsafe characters removed, whitespace collapsed, at most MAX_USER_NAME_LENGTH characters; "" when nothing is left. */
export function cleanUserName(name: unknown): string {
  if (typeof name !== "string") return "";
  // Cut the input first: a 2 MB name is not worth running a regular expression over.
  const cleaned = name
    .slice(0, MAX_USER_NAME_LENGTH * 8)
    .normalize("NFC")
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, " ")
    .replace(UNSAFE, "")
    .replace(/\s+/gu, " ")
    .trim();
  return Array.from(cleaned).slice(0, MAX_USER_NAME_LENGTH).join("").trim();
}

/** An http(s) image URL of reasonable length, or null: never javascript:, data: or anything else. */
export function cleanUserImage(image: unknown): string | null {
  if (typeof image !== "string" || image.length > MAX_USER_IMAGE_LENGTH) return null;
  try {
    const url = new URL(image.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
