import { describe, expect, it } from "vitest";
import { includesErrors, includesEvents, parseTimelineQuery, timelineSearchParams } from "./timeline-filters";

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

  it("knows which tables a filter rules out", () => {
    const base = { types: [], actorTypes: [], severities: [] };
    expect(includesEvents({ ...base, severities: ["error"] })).toBe(false);
    expect(includesErrors({ ...base, actorTypes: ["user"] })).toBe(false);
    expect(includesErrors({ ...base, kind: "event" })).toBe(false);
    expect(includesEvents(base) && includesErrors(base)).toBe(true);
  });
});
