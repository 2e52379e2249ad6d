import { describe, expect, it } from "vitest";
import { errorViewHref, errorViewSearchParams, parseErrorViewQuery } from "./error-view-query";

describe("error view query", () => {
  it("defaults to 24 hours and round-trips through its URL", () => {
    expect(parseErrorViewQuery({})).toEqual({ window: "24h", severities: [], types: [], group: undefined, cursor: undefined });
    const q = parseErrorViewQuery({ window: "7d", severity: "critical,nope", type: ["API_ERROR"] });
    expect(q).toEqual({ window: "7d", severities: ["critical"], types: ["API_ERROR"], group: undefined, cursor: undefined });
    const href = errorViewHref("p 1", q);
    expect(href).toBe("/projects/p%201/errors?window=7d&severity=critical&type=API_ERROR");
    expect(parseErrorViewQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(q);
    expect(parseErrorViewQuery({ window: "1y" }).window).toBe("24h");
  });

  it("takes one group's fingerprint, lower-cased, and keeps it in every link", () => {
    // An md5 cast to uuid: version and variant digits that no RFC UUID has.
    const fingerprint = "d41d8cd9-8f00-b204-e980-0998ecf8427e";
    const q = parseErrorViewQuery({ window: "1h", group: fingerprint.toUpperCase(), cursor: "abc" });
    expect(q.group).toBe(fingerprint);
    const href = errorViewHref("p1", q);
    expect(href).toBe(`/projects/p1/errors?window=1h&group=${fingerprint}&cursor=abc`);
    expect(parseErrorViewQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(q);
    expect(parseErrorViewQuery({ group: [fingerprint, "00000000-0000-0000-0000-000000000000"] }).group).toBe(fingerprint);
    expect(errorViewHref("p1", { ...q, group: undefined, cursor: undefined })).toBe("/projects/p1/errors?window=1h");
  });

  it("drops types no error can have (NUL, unpaired surrogate)", () => {
    expect(parseErrorViewQuery({ type: ["\u0000", "API_ERROR,x\ud800"] }).types).toEqual(["API_ERROR"]);
  });

  it("ignores a group that is not a UUID", () => {
    for (const group of ["", "nope", "d41d8cd98f00b204e9800998ecf8427e", "{d41d8cd9-8f00-b204-e980-0998ecf8427e}", " d41d8cd9-8f00-b204-e980-0998ecf8427e", "d41d8cd9-8f00-b204-e980-0998ecf8427e' OR '1'='1", "g41d8cd9-8f00-b204-e980-0998ecf8427e"]) {
      expect(parseErrorViewQuery({ group }), group).toEqual({ window: "24h", severities: [], types: [], group: undefined, cursor: undefined });
    }
    expect(errorViewHref("p1", parseErrorViewQuery({ group: "nope", type: "API_ERROR" }))).toBe("/projects/p1/errors?type=API_ERROR");
  });

  it("takes an absolute range (both ends, start first) over the window, and keeps it in links", () => {
    const q = parseErrorViewQuery({ window: "7d", from: "2026-12-01T10:00:00.000Z", to: "2026-12-02T10:00:00.000Z" });
    expect(q.from?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(q.to?.toISOString()).toBe("2026-12-02T10:00:00.000Z");
    const href = errorViewHref("p1", q);
    expect(href).toBe("/projects/p1/errors?from=2026-12-01T10%3A00%3A00.000Z&to=2026-12-02T10%3A00%3A00.000Z");
    expect(parseErrorViewQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual({ ...q, window: "24h" });
    for (const [from, to] of [["2026-12-02T10:00:00Z", "2026-12-01T10:00:00Z"], ["2026-12-01T10:00:00Z", undefined], ["yesterday", "2026-12-01T10:00:00Z"]]) {
      const bad = parseErrorViewQuery({ from, to });
      expect(bad.from, `${from} ${to}`).toBeUndefined();
      expect(bad.to).toBeUndefined();
    }
  });

  it("reads repeated and comma-separated lists, and drops each type past its bounds", () => {
    const many = Array.from({ length: 25 }, (_, i) => `T${i}`);
    expect(parseErrorViewQuery({ severity: ["error", "warning,error"], type: [`A,${"B".repeat(201)}`, ...many] })).toMatchObject({ severities: ["error", "warning"], types: ["A", ...many.slice(0, 19)] });
    expect(parseErrorViewQuery({ cursor: "c".repeat(401) }).cursor).toBeUndefined();
  });

  it("gives the parameters a new range keeps, in the order links have", () => {
    const q = parseErrorViewQuery({ window: "7d", severity: "critical", type: "A,B", group: "d41d8cd9-8f00-b204-e980-0998ecf8427e", cursor: "abc" });
    expect([...errorViewSearchParams({ severities: q.severities, types: q.types, group: q.group })]).toEqual([
      ["severity", "critical"],
      ["type", "A,B"],
      ["group", "d41d8cd9-8f00-b204-e980-0998ecf8427e"],
    ]);
    expect(errorViewSearchParams({ window: "24h", severities: [], types: [] }).size).toBe(0);
  });
});
