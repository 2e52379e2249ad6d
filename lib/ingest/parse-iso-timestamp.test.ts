import { describe, expect, it } from "vitest";
import { parseIsoTimestamp } from "./parse-iso-timestamp";

describe("parseIsoTimestamp", () => {
  it.each([
    ["2025-01-31T12:00:00Z", "2025-01-31T12:00:00.000Z"],
    ["2025-01-31T12:00:00.123456789Z", "2025-01-31T12:00:00.123Z"],
    ["2025-01-31T12:00Z", "2025-01-31T12:00:00.000Z"],
    ["2025-01-31T13:30:00+01:30", "2025-01-31T12:00:00.000Z"],
    ["2025-01-31T07:00:00-0500", "2025-01-31T12:00:00.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
    ["2025-01-31 12:00:00z", "2025-01-31T12:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseIsoTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(["", "2025-01-31", "2025-01-31T12:00:00", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-31T24:00:00Z", "2025-01-31T12:60:00Z", "2025-01-31T12:00:60Z", "2025-01-31T12:00:00+25:00", "1738324800000", "next tuesday", "+275760-09-13T00:00:00Z", " 2025-01-31T12:00:00Z"])(
    "refuses %j",
    (text) => {
      expect(parseIsoTimestamp(text)).toBeNull();
    },
  );
});

describe("parseIsoTimestamp at the edges of the calendar", () => {
  it.each([
    ["0050-03-01T00:00:00Z", "0050-03-01T00:00:00.000Z"],
    ["2000-02-29T23:59:59.999Z", "2000-02-29T23:59:59.999Z"],
    ["1970-01-01T00:00:00+00:00", "1970-01-01T00:00:00.000Z"],
    ["2025-12-31T23:59:59-23:59", "2026-01-01T23:58:59.000Z"],
    ["+275760-09-13T00:00:00Z", null],
  ])("reads %s as %s", (text, iso) => {
    expect(parseIsoTimestamp(text)?.toISOString() ?? null).toBe(iso);
  });

  it.each(["1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-00-10T00:00:00Z"])("refuses %j", (text) => {
    expect(parseIsoTimestamp(text)).toBeNull();
  });

  it("takes a leap second at the end of a UTC day as the next day's first instant", () => {
    expect(parseIsoTimestamp("2016-12-31T23:59:60Z")?.toISOString()).toBe("2017-01-01T00:00:00.000Z");
    expect(parseIsoTimestamp("2017-01-01T01:59:60+02:00")?.toISOString()).toBe("2017-01-01T00:00:00.000Z");
    expect(parseIsoTimestamp("2016-12-31T18:59:60.500-05:00")?.toISOString()).toBe("2017-01-01T00:00:00.500Z");
    expect(parseIsoTimestamp("2016-12-31T23:59:60+01:00")).toBeNull();
  });

  it("agrees with Date for every day of a leap and a common year", () => {
    for (const year of [2023, 2024]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000 + 3_723_456) {
        const iso = new Date(t).toISOString();
        expect(parseIsoTimestamp(iso)?.toISOString()).toBe(iso);
      }
    }
  });
});
