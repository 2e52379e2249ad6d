import { describe, expect, it } from "vitest";
import { runRowHref } from "./row-permalink";
import { includesErrors, includesEvents, liveHref, loadLiveCursors, parseTimelineQuery, timelineHref, timelineSearchParams } from "./timeline-filters";

describe("timeline query", () => {
  it("reads filters from repeated or comma-separated params and drops unknown values", () => {
    const q = parseTimelineQuery({ type: ["SIM_STEP", "RUN_SAVED,SIM_STEP"], actor: "user,robot", severity: "critical,fatal", order: "asc", kind: "nope" });
    expect(q.filters).toEqual({ kind: undefined, types: ["SIM_STEP", "RUN_SAVED"], actorTypes: ["user"], severities: ["critical"] });
    expect(q.order).toBe("asc");
  });

  it("drops types and an `at` that no row can hold (NUL, unpaired surrogate)", () => {
    const q = parseTimelineQuery({ type: ["\u0000", "A\u0000B,SIM_STEP", "\ud800"], at: "ev\u0000" });
    expect(q.filters.types).toEqual(["SIM_STEP"]);
    expect(q.at).toBeUndefined();
    expect(parseTimelineQuery({ at: "x\udc00" }).at).toBeUndefined();
  });

  it("defaults to newest first with no filters", () => {
    expect(parseTimelineQuery({})).toEqual({ filters: { kind: undefined, types: [], actorTypes: [], severities: [] }, order: "desc", cursor: undefined, at: undefined });
  });

  it("writes back the same state, leaving defaults out", () => {
    const q = parseTimelineQuery({ type: "A,B", severity: "error", order: "asc", cursor: "abc" });
    const params = timelineSearchParams(q);
    expect(params.toString()).toBe("type=A%2CB&severity=error&order=asc&cursor=abc");
    expect(parseTimelineQuery(Object.fromEntries(params))).toEqual(q);
    expect(timelineSearchParams(parseTimelineQuery({})).toString()).toBe("");
  });

  it("reads a route's request URL as the page reads its searchParams", () => {
    const url = "http://x/api/runs/r1/export?format=csv&type=A&type=B,A&kind=error&kind=event&order=asc&order=desc&at=ev1";
    expect(parseTimelineQuery(url)).toEqual(parseTimelineQuery({ format: "csv", type: ["A", "B,A"], kind: ["error", "event"], order: ["asc", "desc"], at: "ev1" }));
    expect(parseTimelineQuery(url)).toEqual({ filters: { kind: "error", types: ["A", "B"], actorTypes: [], severities: [] }, order: "asc", cursor: undefined, at: "ev1" });
  });

  it("ignores values past their bounds", () => {
    const many = Array.from({ length: 25 }, (_, i) => `T${i}`);
    expect(parseTimelineQuery({ type: many.join(",") }).filters.types).toEqual(many.slice(0, 20));
    // One type longer than any stored one: the whole list is unreadable.
    expect(parseTimelineQuery({ type: `A,${"B".repeat(201)}` }).filters.types).toEqual([]);
    expect(parseTimelineQuery({ type: `A,${"B".repeat(200)}` }).filters.types).toEqual(["A", "B".repeat(200)]);
    expect(parseTimelineQuery({ cursor: "c".repeat(601) }).cursor).toBeUndefined();
    expect(parseTimelineQuery({ cursor: "c".repeat(600) }).cursor).toHaveLength(600);
    expect(parseTimelineQuery({ at: "a".repeat(201) }).at).toBeUndefined();
    expect(parseTimelineQuery({ order: "sideways", kind: "" })).toMatchObject({ order: "desc", filters: { kind: undefined } });
  });

  it("links to a view, a row and the live route in the shapes existing links have", () => {
    expect(timelineHref("run 1", { filters: { types: [], actorTypes: [], severities: [] }, order: "desc" })).toBe("/runs/run%201");
    expect(timelineHref("r1", { filters: { kind: "event", types: ["A", "B"], actorTypes: ["user"], severities: [] }, order: "asc", cursor: "c1" })).toBe("/runs/r1?kind=event&type=A%2CB&actor=user&order=asc&cursor=c1");
    expect(timelineHref("r1", { filters: { types: [], actorTypes: [], severities: [] }, order: "asc", at: "ev 1" })).toBe("/runs/r1?order=asc&at=ev+1");
    expect(runRowHref("r/1", "ev 1")).toBe("/runs/r%2F1?at=ev%201#row-ev%201");
    const live = liveHref("r1", "type=A%2CB", { after: "aa", from: null, floor: "ff" });
    expect(live).toMatch(/^\/api\/runs\/r1\/live\?/);
    expect(parseTimelineQuery(`http://x${live}`).filters.types).toEqual(["A", "B"]);
    expect(loadLiveCursors(`http://x${live}`)).toEqual({ after: "aa", from: null, floor: "ff" });
    expect(liveHref("r1", "", { after: null, from: null, floor: null })).toBe("/api/runs/r1/live");
  });

  it("knows which tables a filter rules out", () => {
    const base = { types: [], actorTypes: [], severities: [] };
    expect(includesEvents({ ...base, severities: ["error"] })).toBe(false);
    expect(includesErrors({ ...base, actorTypes: ["user"] })).toBe(false);
    expect(includesErrors({ ...base, kind: "event" })).toBe(false);
    expect(includesEvents(base) && includesErrors(base)).toBe(true);
  });
});
