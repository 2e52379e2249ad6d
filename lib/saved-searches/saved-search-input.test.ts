import { describe, expect, it } from "vitest";
import { ZSaveSearchInputSchema } from "./saved-search-input";

const input = (from: string, to: string) => ({ name: "n", query: "type:A", from, to, shared: false });

describe("ZSaveSearchInputSchema", () => {
  it("keeps an absolute range within 1970–9999", () => {
    expect(ZSaveSearchInputSchema.safeParse(input("1970-01-01T00:00:00.000Z", "2026-12-08T00:00:00.000Z")).success).toBe(true);
  });

  // A year 0 went on to PostgreSQL, which refused it (22008): a 500 and a page blaming the database.
  it.each([
    ["0000-01-01T00:00:00.000Z", "2026-12-08T00:00:00.000Z"],
    ["1969-12-31T23:59:59.999Z", "2026-12-08T00:00:00.000Z"],
  ])("refuses a range from %s with a message saying the bounds", (from, to) => {
    const parsed = ZSaveSearchInputSchema.safeParse(input(from, to));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message)).toContain("A range's start and end must be between 1970-01-01 and 9999-12-31.");
  });
});
