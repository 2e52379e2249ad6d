import { describe, expect, it } from "vitest";
import { searchParamsRecord } from "./search-params";

describe("searchParamsRecord", () => {
  it("gives one string per name and an array, in order, for a repeated one", () => {
    expect(searchParamsRecord("http://x/runs/r/export?format=json&format=csv&kind=error")).toEqual({ format: ["json", "csv"], kind: "error" });
    expect(searchParamsRecord("http://x/")).toEqual({});
  });
});
