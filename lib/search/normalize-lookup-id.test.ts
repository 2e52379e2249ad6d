import { describe, expect, it } from "vitest";
import { normalizeLookupId, normalizeUuid } from "./normalize-lookup-id";

const UUID = "3f2a9c1e-7b4d-4e8a-9f10-0a1b2c3d4e5f";

describe("normalizeLookupId", () => {
  it.each([
    [`  {${UUID.toUpperCase()}}  `],
    [`"${UUID}"`],
    [`'{${UUID}}'`],
    [`traceId: "${UUID}",`],
    [`\t${UUID.replace(/-/g, "").toUpperCase()}\n`],
    [`[${UUID}]`],
    [`\u200b${UUID}`],
  ])("finds the traceId in %j", (raw) => {
    expect(normalizeLookupId(raw)).toEqual({ id: expect.any(String), uuid: UUID });
  });

  it("keeps the case of ids that are not UUIDs", () => {
    expect(normalizeLookupId('  "run_7_000Ab" ')).toEqual({ id: "run_7_000Ab", uuid: null });
    expect(normalizeLookupId("id=cm5abc123def")).toEqual({ id: "cm5abc123def", uuid: null });
  });

  it("gives up on text that is not one id", () => {
    for (const raw of ["", "   ", '""', "{}", "two words", "x".repeat(201)]) expect(normalizeLookupId(raw)).toBeNull();
  });
});

describe("normalizeUuid", () => {
  it("canonicalises case and hyphens, and refuses anything else", () => {
    expect(normalizeUuid(UUID.toUpperCase())).toBe(UUID);
    expect(normalizeUuid(UUID.replace(/-/g, ""))).toBe(UUID);
    expect(normalizeUuid(UUID + "0")).toBeNull();
    expect(normalizeUuid("not-a-uuid")).toBeNull();
  });
});
