import { describe, expect, it } from "vitest";
import { loadExploreState, timeRangeProblem } from "./explore-url";

const problemOf = (query: string) => {
  const raw = Object.fromEntries(new URLSearchParams(query));
  return timeRangeProblem(raw, loadExploreState(raw));
};

describe("timeRangeProblem", () => {
  it.each([
    ["", null],
    ["range=7d", null],
    ["from=2026-12-01T00:00:00.000Z&to=2026-12-02T00:00:00.000Z", null],
    ["range=all&from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", null],
  ])("accepts %j", (query, expected) => {
    expect(problemOf(query)).toBe(expected);
  });

  it.each([
    ["range=bogus", "range", 'range is one of 15m, 1h, 24h, 7d, 30d, all; got "bogus".'],
    ["from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from", "from must be before to."],
    ["from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", "from", "from must be before to."],
    ["from=2026-12-01T00:00:00Z", "to", "from and to go together: set both, or neither."],
    ["to=2026-12-01T00:00:00Z", "from", "from and to go together: set both, or neither."],
    ["from=NaN&to=2026-12-01T00:00:00Z", "from", 'from is not a date and time: write it as ISO 8601 with its zone, e.g. 2026-12-01T09:30:00Z; got "NaN".'],
    ["from=2026-11-01T00:00:00Z&to=2026-13-45T00:00:00Z", "to", 'to is not a date and time: write it as ISO 8601 with its zone, e.g. 2026-12-01T09:30:00Z; got "2026-13-45T00:00:00Z".'],
    ["from=1700000000000&to=2026-12-01T00:00:00Z", "from", expect.stringContaining('got "1700000000000"')],
    ["from=0000-01-01T00:00:00Z&to=2026-12-08T00:00:00Z", "from", 'from must be between 1970-01-01 and 9999-12-31; got "0000-01-01T00:00:00Z".'],
    ["from=1969-12-31T23:59:59Z&to=2026-12-08T00:00:00Z", "from", expect.stringContaining("between 1970-01-01 and 9999-12-31")],
  ])("refuses %j", (query, field, message) => {
    expect(problemOf(query)).toEqual({ field, message });
  });
});
