// What people paste into the go-to box: an id copied from a log line, a JSON body, a
// Slack message, a GUID in braces, a "Reference: <uuid>" toast, a urn:uuid: or a link to
// a page of this dashboard. Reduces it to the id itself, and for UUIDs (traceIds) to
// their canonical lower-case, hyphenated form.
import { isStorableText } from "@/lib/format/storable-text";

/** The longest input looked at (the box's maxLength): a paragraph, not a whole log. */
export const MAX_LOOKUP_LENGTH = 2_000;

// ASCII and typographic quotes (“…”, ‘…’, „…“, «…», ‹…›), brackets and trailing punctuation.
const WRAPPERS = /^[\s"'`{[(<“”„‟‘’‚‛«»‹›]+|[\s"'`}\])>,;.“”„‟‘’‚‛«»‹›]+$/g;
const LABEL = /^(?:(?:trace[_-]?id|run[_-]?id|event[_-]?id|error[_-]?id|id|reference|ref)\s*[:=]\s*|urn:uuid:)/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
// A UUID inside other text ("Something went wrong. Reference: <uuid>"), not inside a longer hex run.
const UUID_IN_TEXT = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])|(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/i;
// A link to this dashboard's run or trace page, on any host (a colleague's, a proxy's).
const DASHBOARD_URL = /^(?:https?:\/\/[^/\s]+)?\/(?:runs|traces)\/([^/?#\s]+)(?:[/?#]\S*)?$/i;

/** The canonical form of a UUID in any case, with or without hyphens; null otherwise. */
export function normalizeUuid(value: string): string | null {
  if (!UUID.test(value)) return null;
  const hex = value.replace(/-/g, "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface LookupId {
  /** The id with wrappers, labels and stray whitespace removed, case kept. */
  id: string;
  /** Set when the id is a UUID: its canonical form (traceIds are compared in it). */
  uuid: string | null;
}

function peel(text: string): string {
  let value = text;
  // Peel wrappers and a leading label ("traceId: …", "id=…", "urn:uuid:") until nothing changes.
  for (let i = 0; i < 5; i++) {
    const next = value.replace(WRAPPERS, "").replace(LABEL, "");
    if (next === value) break;
    value = next;
  }
  return value;
}

/** The id in a pasted string, or null when nothing id-like is left. */
export function normalizeLookupId(raw: string): LookupId | null {
  let value = peel(raw.slice(0, MAX_LOOKUP_LENGTH).replace(/[\u200b-\u200d\u2060\ufeff]/g, ""));
  const link = DASHBOARD_URL.exec(value);
  if (link) {
    try {
      value = peel(decodeURIComponent(link[1]!));
    } catch {
      value = peel(link[1]!);
    }
  }
  // An id no row can have (NUL, unpaired surrogate) is not one; nor is text with spaces.
  if (value && !/\s/.test(value) && value.length <= 200 && isStorableText(value)) return { id: value, uuid: normalizeUuid(value) };
  // Not one id as a whole: the traceId in a sentence, if there is one.
  const uuid = UUID_IN_TEXT.exec(raw.slice(0, MAX_LOOKUP_LENGTH))?.[0];
  return uuid ? { id: uuid, uuid: normalizeUuid(uuid) } : null;
}
