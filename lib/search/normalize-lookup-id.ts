// What people paste into the go-to box: an id copied from a log line, a JSON body, a
// Slack message, a GUID in braces, a "Reference: <uuid>" toast, a urn:uuid: or a link to
// a page of this dashboard. Reduces it to the id itself, and for UUIDs (traceIds) to
// their canonical lower-case, hyphenated form.
import { isStorableText } from "@/lib/format/storable-text";

/** The longest input looked at (the box's maxLength): a paragraph, not a whole log. */
export const MAX_LOOKUP_LENGTH = 2_000;

// ASCII and typographic quotes (“…”, ‘…’, „…“, «…», ‹…›), brackets and trailing punctuation.
const WRAPPERS = /^[\s"'`{[(<“”„‟‘’‚‛«»‹›]+|[\s"'`}\])>,;.“”„‟‘’‚‛«»‹›]+$/g;
// A label before the id, quoted as a JSON key may be (`"traceId":"…"`).
const LABEL = /^(?:["']?(?:trace[_-]?id|run[_-]?id|event[_-]?id|error[_-]?id|id|reference|ref)["']?\s*[:=]\s*|urn:uuid:)/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
// A UUID inside other text ("Something went wrong. Reference: <uuid>"), not inside a longer hex run.
const UUID_IN_TEXT = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])|(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/i;
// A link to this dashboard's run or trace page, on any host (a colleague's, a proxy's).
const DASHBOARD_URL = /^(?:https?:\/\/[^/\s]+)?\/(runs|traces)\/([^/?#\s]+)([/?#]\S*)?$/i;
// The keys a pasted JSON object or query string names an id by, most specific first.
const ID_KEYS = ["traceId", "trace_id", "runId", "run_id", "eventId", "event_id", "errorId", "error_id", "id"];

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
  let value = peel(stripInvisible(raw.slice(0, MAX_LOOKUP_LENGTH)));
  const link = DASHBOARD_URL.exec(value);
  if (link) value = peel(decodeSegment(link[2]!));
  // An id no row can have (NUL, unpaired surrogate) is not one; nor is text with spaces.
  if (isIdLike(value)) return { id: value, uuid: normalizeUuid(value) };
  // Not one id as a whole: the traceId in a sentence, if there is one.
  const uuid = UUID_IN_TEXT.exec(raw.slice(0, MAX_LOOKUP_LENGTH))?.[0];
  return uuid ? { id: uuid, uuid: normalizeUuid(uuid) } : null;
}

export interface LookupCandidate extends LookupId {
  /** From a pasted link to a run's row (`/runs/R?at=E`): the row to open. */
  at?: string;
}

/**
 * Every reading of a pasted string worth looking up, most likely first: a link's run
 * (with its row), the ids a pasted JSON object or query string names (`{"traceId":"…"}`,
 * `traceId=…&x=1`), the id as normalizeLookupId reads it, a UUID inside it, and the text
 * as typed (an id may end in "." or hold a space). The go-to box takes the first that names something.
 */
export function lookupCandidates(raw: string): LookupCandidate[] {
  const text = stripInvisible(raw.slice(0, MAX_LOOKUP_LENGTH)).trim();
  const candidates: LookupCandidate[] = [];
  const add = (value: string | null | undefined, at?: string) => {
    if (value == null || !isIdLike(value, { allowInnerSpace: true }) || candidates.some((c) => c.id === value)) return;
    candidates.push({ id: value, uuid: normalizeUuid(value), ...(at ? { at } : {}) });
  };
  const link = DASHBOARD_URL.exec(peel(text));
  if (link?.[1]!.toLowerCase() === "runs") {
    const at = new URLSearchParams(/\?([^#]*)/.exec(link[3] ?? "")?.[1] ?? "").get("at");
    add(peel(decodeSegment(link[2]!)), at && isIdLike(at) ? at : undefined);
  }
  for (const named of namedIds(text)) add(named);
  add(normalizeLookupId(text)?.id);
  add(UUID_IN_TEXT.exec(text)?.[0]);
  add(text);
  return candidates;
}

/** The ids a JSON object or a query string names under ID_KEYS, in that order. */
function namedIds(text: string): string[] {
  let fields: Record<string, unknown> | null = null;
  if (text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: the other readings remain.
    }
  } else if (/^[?&]?[\w.-]+=/.test(text) && !/\s/.test(text)) {
    fields = Object.fromEntries(new URLSearchParams(text.replace(/^[?&]/, "")));
  }
  if (!fields) return [];
  return ID_KEYS.map((key) => fields[key]).filter((value): value is string => typeof value === "string").map((value) => peel(value));
}

function stripInvisible(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, "");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isIdLike(value: string, { allowInnerSpace = false } = {}): boolean {
  if (!value || value.length > 200 || !isStorableText(value)) return false;
  return allowInnerSpace ? value.trim() === value : !/\s/.test(value);
}
