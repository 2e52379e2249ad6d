import { isStorableText } from "./storable-text";

/**
 * A dynamic route segment as text: decoded when it is still percent-encoded, as is
 * otherwise. Null when no stored row can have it as its id (a NUL or an unpaired
 * surrogate): the caller answers 404 without asking the database.
 */
export function routeParam(value: string): string | null {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // Not percent-encoding (e.g. an id holding "%" that Next already decoded): as is.
  }
  return isStorableText(text) ? text : null;
}
