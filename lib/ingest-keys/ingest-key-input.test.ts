import { describe, expect, it } from "vitest";
import { ZCreateIngestKeyInputSchema } from "./ingest-key-input";

describe("ZCreateIngestKeyInputSchema", () => {
  it("takes a blank project (every project) and a plain id", () => {
    expect(ZCreateIngestKeyInputSchema.parse({ name: "k", projectId: "" })).toEqual({ name: "k", projectId: null });
    expect(ZCreateIngestKeyInputSchema.parse({ name: "k", projectId: "checkout-ü" })).toEqual({ name: "k", projectId: "checkout-ü" });
  });

  // The keys page created "zw\u200Bx" and "bidi\u202Ex", ids ingestion refuses, and the key
  // then wrote into a project that looks like another.
  it.each([
    ["zw\u200Bx", "U+200B"],
    ["bidi\u202Ex", "U+202E"],
    ["soft\u00ADhyphen", "U+00AD"],
  ])("refuses %j, naming the character as ingestion does", (projectId, code) => {
    const parsed = ZCreateIngestKeyInputSchema.safeParse({ name: "k", projectId });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toContain(`contains ${code}`);
  });
});
