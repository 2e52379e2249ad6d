import { describe, expect, it } from "vitest";
import { lookupCandidates, normalizeLookupId, normalizeUuid } from "./normalize-lookup-id";

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

  it.each([
    [`Reference: ${UUID}`],
    [`Something went wrong. Reference: ${UUID}`],
    [`urn:uuid:${UUID}`],
    [`URN:UUID:${UUID.toUpperCase()}`],
    [`“${UUID}”`],
    [`http://localhost:3700/traces/${UUID}`],
    [`https://logs.example.com/traces/${UUID.toUpperCase()}#error-x`],
    [`/traces/%7B${UUID}%7D`],
    [`The solver failed (trace ${UUID}), see above`],
  ])("finds the traceId in the pasted %j", (raw) => {
    expect(normalizeLookupId(raw)?.uuid).toBe(UUID);
  });

  it("takes the run id out of a link to this dashboard, on any host", () => {
    expect(normalizeLookupId("http://localhost:3700/runs/probe-run-1")).toEqual({ id: "probe-run-1", uuid: null });
    expect(normalizeLookupId("<https://logs.example.com/runs/run%2F7/?at=ev_1#row-ev_1>")).toEqual({ id: "run/7", uuid: null });
    expect(normalizeLookupId("https://logs.example.com/runs/Run_7?order=asc")).toEqual({ id: "Run_7", uuid: null });
    expect(normalizeLookupId("“probe-run-1”")).toEqual({ id: "probe-run-1", uuid: null });
    expect(normalizeLookupId("‘probe-run-1’.")).toEqual({ id: "probe-run-1", uuid: null });
  });

  it("is null for an id no row can have (NUL, unpaired surrogate) unless a UUID is in it", () => {
    expect(normalizeLookupId("a\u0000b")).toBeNull();
    expect(normalizeLookupId("run\ud800")).toBeNull();
    expect(normalizeLookupId(`\u0000${UUID}`)?.uuid).toBe(UUID);
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

describe("lookupCandidates", () => {
  const T = "3f2a9c1e-7b4d-4e8a-9f10-0a1b2c3d4e5f";
  it("puts the ids a pasted JSON object or query string names first, the text as typed last", () => {
    expect(lookupCandidates(`traceId=${T}&x=1`).map((c) => c.id)).toEqual([T, `${T}&x=1`, `traceId=${T}&x=1`]);
    expect(lookupCandidates('{"runId":"R1","x":1}').map((c) => c.id)).toEqual(["R1", 'R1","x":1', '{"runId":"R1","x":1}']);
    expect(lookupCandidates("run.").map((c) => c.id)).toEqual(["run", "run."]);
  });

  it("keeps the row of a link to a run", () => {
    expect(lookupCandidates("https://logs.example.com/runs/R%201?at=ev_9#row-ev_9")[0]).toEqual({ id: "R 1", uuid: null, at: "ev_9" });
  });
});
