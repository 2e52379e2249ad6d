import { describe, expect, it } from "vitest";
import { compareTimelineKeys, decodeTimelineCursor, encodeTimelineCursor, pairComparison, type TimelineKey } from "./timeline-cursor";

const key = (ms: number, id: string, kind: "error" | "event" = "event"): TimelineKey => ({ createdAt: new Date(ms), id, kind });

describe("timeline cursor", () => {
  it("round-trips through its opaque form", () => {
    const cursor = { key: key(1_700_000_000_123, "c_abc", "error"), direction: "prev" as const, inclusive: true };
    const raw = encodeTimelineCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTimelineCursor(raw)).toEqual(cursor);
    expect(decodeTimelineCursor(encodeTimelineCursor({ ...cursor, inclusive: false }))?.inclusive).toBe(false);
  });

  it("ignores anything that is not one of its cursors", () => {
    for (const raw of [null, "", "not base64 !", Buffer.from('["x","y","event","n"]').toString("base64url"), Buffer.from("{}").toString("base64url")]) {
      expect(decodeTimelineCursor(raw)).toBeNull();
    }
  });

  it("ignores a cursor whose id no row can have (NUL, unpaired surrogate)", () => {
    for (const id of ["a\u0000b", "\ud800"]) {
      const raw = Buffer.from(JSON.stringify(["2025-01-01T00:00:00.000Z", id, "event", "n"]), "utf8").toString("base64url");
      expect(decodeTimelineCursor(raw), JSON.stringify(id)).toBeNull();
    }
  });

  it("orders by time, then id, then kind", () => {
    expect(compareTimelineKeys(key(1, "b"), key(2, "a"))).toBe(-1);
    expect(compareTimelineKeys(key(1, "b"), key(1, "a"))).toBe(1);
    expect(compareTimelineKeys(key(1, "a", "error"), key(1, "a", "event"))).toBe(-1);
    expect(compareTimelineKeys(key(1, "a"), key(1, "a"))).toBe(0);
  });

  it("turns a full-key comparison into a per-table pair comparison that agrees with it", () => {
    const cursorKeys = [key(5, "m", "error"), key(5, "m", "event")];
    const rows = [key(4, "z"), key(5, "a"), key(5, "m"), key(5, "z"), key(6, "a")];
    for (const cursorKey of cursorKeys) {
      for (const kind of ["error", "event"] as const) {
        for (const op of ["<", "<=", ">", ">="] as const) {
          for (const r of rows) {
            const row = { ...r, kind };
            const c = compareTimelineKeys(row, cursorKey);
            const expected = op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
            const pairOp = pairComparison(op, kind, cursorKey);
            const p = compareTimelineKeys({ ...row, kind: "event" }, { ...cursorKey, kind: "event" });
            const actual = pairOp === "<" ? p < 0 : pairOp === "<=" ? p <= 0 : pairOp === ">" ? p > 0 : p >= 0;
            expect(actual, `${kind} ${op} ${JSON.stringify(row)} vs ${JSON.stringify(cursorKey)}`).toBe(expected);
          }
        }
      }
    }
  });
});
