import { describe, expect, it } from "vitest";
import { errorViewHref, parseErrorViewQuery } from "./error-view-query";

describe("error view query", () => {
  it("defaults to 24 hours and round-trips through its URL", () => {
    expect(parseErrorViewQuery({})).toEqual({ window: "24h", severities: [], types: [], cursor: undefined });
    const q = parseErrorViewQuery({ window: "7d", severity: "critical,nope", type: ["API_ERROR"] });
    expect(q).toEqual({ window: "7d", severities: ["critical"], types: ["API_ERROR"], cursor: undefined });
    const href = errorViewHref("p 1", q);
    expect(href).toBe("/projects/p%201/errors?window=7d&severity=critical&type=API_ERROR");
    expect(parseErrorViewQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(q);
    expect(parseErrorViewQuery({ window: "1y" }).window).toBe("24h");
  });
});
