import { describe, expect, it } from "vitest";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";
import { mergeLiveRows } from "./use-live-rows";

const row = (id: string, second: number, kind: "event" | "error" = "event"): TimelineRowDto => ({
  kind,
  id,
  createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, second)).toISOString(),
  sinceStartMs: second * 1000,
  type: "T",
  dataJson: "null",
});
const ids = (rows: TimelineRowDto[]) => rows.map((r) => `${r.kind}:${r.id}`);

describe("mergeLiveRows", () => {
  const shown = [row("c", 30), row("b", 20), row("a", 10)];

  it("puts a late row among the rows shown, newest first, and new rows on top", () => {
    expect(ids(mergeLiveRows(shown, [row("late", 25), row("new", 40)], "desc"))).toEqual(["event:new", "event:c", "event:late", "event:b", "event:a"]);
    expect(ids(mergeLiveRows(shown, [row("older", 5)], "desc"))).toEqual(["event:c", "event:b", "event:a", "event:older"]);
  });

  it("does the same oldest first, and orders ties by id then kind", () => {
    const asc = [...shown].reverse();
    expect(ids(mergeLiveRows(asc, [row("b", 20, "error"), row("bb", 20), row("late", 25)], "asc"))).toEqual(["event:a", "error:b", "event:b", "event:bb", "event:late", "event:c"]);
  });

  it("keeps the page as it is without live rows", () => {
    expect(mergeLiveRows(shown, [], "desc")).toBe(shown);
  });
});
