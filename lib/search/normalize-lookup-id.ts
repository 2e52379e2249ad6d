// What people paste into the go-to box: an id copied from a log line, a JSON body, a
// Slack message or a GUID in braces. Reduces it to the id itself, and for UUIDs
// (traceIds) to their canonical lower-case, hyphenated form.

const WRAPPERS = /^[\s"'`{[(<]+|[\s"'`}\])>,;.]+$/g;
const LABEL = /^(?:trace[_-]?id|run[_-]?id|event[_-]?id|error[_-]?id|id)\s*[:=]\s*/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

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

/** The id in a pasted string, or null when nothing id-like is left. */
export function normalizeLookupId(raw: string): LookupId | null {
  let value = raw.slice(0, 1_000).replace(/[\u200b-\u200d\ufeff]/g, "");
  // Peel wrappers and a leading label ("traceId: …", "id=…") until nothing changes.
  for (let i = 0; i < 5; i++) {
    const next = value.replace(WRAPPERS, "").replace(LABEL, "");
    if (next === value) break;
    value = next;
  }
  if (!value || /\s/.test(value) || value.length > 200) return null;
  return { id: value, uuid: normalizeUuid(value) };
}
