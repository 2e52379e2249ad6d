// The run timeline's keyset cursor: a position (created_at, id, kind) and which way to
// read from it. Opaque in URLs (base64url JSON) so nobody builds them by hand, parsed
// with zod on the way back in: a tampered cursor is ignored, never trusted.
import { z } from "zod";
import { isStorableText } from "@/lib/format/storable-text";
import { ZUserTimestampSchema } from "@/lib/format/user-timestamp";
import { compareTimelineKeys } from "./timeline-order";

// The order itself lives in ./timeline-order (no zod: the browser uses it too).
export { compareTimelineKeys };

export type TimelineKind = "error" | "event";

/** A row's place in the timeline's total order: created_at, then id, then kind. */
export interface TimelineKey {
  createdAt: Date;
  id: string;
  kind: TimelineKind;
}

/** The key of a row, or of anything with a row's createdAt, id and kind. */
export function timelineKeyOf(row: TimelineKey): TimelineKey {
  return { createdAt: row.createdAt, id: row.id, kind: row.kind };
}

/**
 * `next`: rows after `key` in display order (older when newest-first).
 * `prev`: rows before it (newer when newest-first). `inclusive` keeps `key` itself,
 * for permalinks that open a page starting at a given row.
 */
export interface TimelineCursor {
  key: TimelineKey;
  direction: "next" | "prev";
  inclusive?: boolean;
}

const ZCursorSchema = z.tuple([
  ZUserTimestampSchema,
  // No row's id holds a NUL or an unpaired surrogate: such a cursor is not one of ours.
  z.string().min(1).max(200).refine(isStorableText),
  z.enum(["error", "event"]),
  z.enum(["n", "p"]),
  z.literal(1).optional(),
]);

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  const tuple: unknown[] = [cursor.key.createdAt.toISOString(), cursor.key.id, cursor.key.kind, cursor.direction === "next" ? "n" : "p"];
  if (cursor.inclusive) tuple.push(1);
  return Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");
}

/** The cursor in `raw`, or null when it is missing or not one of ours. */
export function decodeTimelineCursor(raw: string | null | undefined): TimelineCursor | null {
  if (!raw || raw.length > 600) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursorSchema.safeParse(json);
  if (!parsed.success) return null;
  const [iso, id, kind, direction, inclusive] = parsed.data;
  return { key: { createdAt: iso, id, kind }, direction: direction === "n" ? "next" : "prev", inclusive: inclusive === 1 };
}

export type KeyComparison = "<" | "<=" | ">" | ">=";

/**
 * The (created_at, id) comparison one table's subquery needs so that its rows, all of
 * kind `rowKind`, compare to `key` as `op` on the full (created_at, id, kind) key.
 * Keeps the condition a plain row comparison the (run_id, created_at, id) index serves.
 */
export function pairComparison(op: KeyComparison, rowKind: TimelineKind, key: TimelineKey): "<" | "<=" | ">" | ">=" {
  const strict = op === "<" || op === ">";
  const below = op === "<" || op === "<=";
  // Equal (created_at, id): the kinds decide.
  const equalPairPasses = below ? (strict ? rowKind < key.kind : rowKind <= key.kind) : strict ? rowKind > key.kind : rowKind >= key.kind;
  if (below) return equalPairPasses ? "<=" : "<";
  return equalPairPasses ? ">=" : ">";
}
