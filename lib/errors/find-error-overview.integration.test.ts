// The 24-hour errors view and its list against the real engines: the window edges,
// grouping by normalised message, per-hour counts, filters and keyset paging with ties.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { findErrorOverview } from "./find-error-overview";
import { findProjectErrors } from "./find-project-errors";
import { findProjectsOverview } from "@/lib/projects/find-projects-overview";
import { findProjectRuns } from "@/lib/runs/find-project-runs";

const NOW = new Date(Date.UTC(2025, 5, 1, 12, 30));
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const none = { severities: [], types: [] };

beforeAll(async () => {
  await truncateAll();
  await prisma().project.createMany({ data: [{ id: "p1", name: "One" }, { id: "p2", name: "Two" }] });
  const rows = [
    { id: "a1", errorType: "API_ERROR", message: "Timeout after 3000 ms calling 3f2a9c1e-7b4d-4e8a-9f10-0a1b2c3d4e5f", severity: "error", createdAt: ago(10 * 60_000) },
    { id: "a2", errorType: "API_ERROR", message: "Timeout after 5000 ms calling 11111111-2222-4333-8444-555555555555", severity: "error", createdAt: ago(2 * HOUR + 1) },
    { id: "a3", errorType: "API_ERROR", message: "Timeout after 12 ms calling deadbeef-0000-4000-8000-00000000beef", severity: "critical", createdAt: ago(23 * HOUR) },
    { id: "b1", errorType: "ENGINE_ERROR", message: "Object 0x7ffee4b2 freed twice at step 42", severity: "warning", createdAt: ago(HOUR / 2) },
    { id: "b2", errorType: "ENGINE_ERROR", message: "Object 0x1a2b3c freed twice at step 7", severity: "warning", createdAt: ago(HOUR / 2) },
    { id: "old", errorType: "API_ERROR", message: "Timeout after 1 ms calling 3f2a9c1e-7b4d-4e8a-9f10-0a1b2c3d4e5f", severity: "error", createdAt: ago(25 * HOUR) },
    { id: "future", errorType: "API_ERROR", message: "from the future", severity: "error", createdAt: new Date(NOW.getTime() + 60_000) },
  ];
  await prisma().errorLog.createMany({ data: rows.map((r) => ({ ...r, projectId: "p1", traceId: `t-${r.id}` })) });
  // Ties on created_at for the list's paging.
  await prisma().errorLog.createMany({
    data: Array.from({ length: 23 }, (_, i) => ({ id: `tie${String(i).padStart(2, "0")}`, errorType: "DB_ERROR", message: `tie ${i}`, severity: "error", createdAt: ago(5 * HOUR), projectId: "p2", traceId: "t" })),
  });
  await prisma().run.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ id: `run${i}`, projectId: "p1", status: i % 2 ? "failed" : "succeeded", startedAt: ago((i % 3) * HOUR) })) });
});

describe("findErrorOverview", () => {
  it("groups by type and normalised message over exactly the last 24 hours", async () => {
    const overview = await findErrorOverview({ projectId: "p1", window: "24h", filters: none, now: NOW });
    expect(overview.total).toBe(5);
    expect(overview).toMatchObject({ groupedFrom: 5, sampledGroups: false });
    expect(overview.groups.map((g) => [g.errorType, g.pattern, g.count])).toEqual([
      ["API_ERROR", "Timeout after <n> ms calling <uuid>", 3],
      ["ENGINE_ERROR", "Object <hex> freed twice at step <n>", 2],
    ]);
    const api = overview.groups[0]!;
    expect(api.firstSeen.toISOString()).toBe(ago(23 * HOUR).toISOString());
    expect(api.lastSeen.toISOString()).toBe(ago(10 * 60_000).toISOString());
    expect(api.buckets).toHaveLength(24);
    expect(api.buckets.reduce((a, b) => a + b, 0)).toBe(3);
    expect(api.buckets[23]).toBe(1);
    expect(api.buckets[21]).toBe(1);
    expect(api.buckets[0]).toBe(1);
    expect(overview.chart[23]).toMatchObject({ error: 1, warning: 2, critical: 0 });
    expect(overview.chart[0]).toMatchObject({ critical: 1 });
  });

  it("groups only the newest errors when told to sample, while the totals count every one", async () => {
    const overview = await findErrorOverview({ projectId: "p1", window: "24h", filters: none, now: NOW, groupSample: 3 });
    expect(overview).toMatchObject({ total: 5, groupedFrom: 3, sampledGroups: true });
    expect(overview.groups.map((g) => [g.errorType, g.count])).toEqual([
      ["ENGINE_ERROR", 2],
      ["API_ERROR", 1],
    ]);
  });

  it("follows the window switch and the filters", async () => {
    expect((await findErrorOverview({ projectId: "p1", window: "1h", filters: none, now: NOW })).total).toBe(3);
    expect((await findErrorOverview({ projectId: "p1", window: "7d", filters: none, now: NOW })).total).toBe(6);
    const critical = await findErrorOverview({ projectId: "p1", window: "24h", filters: { severities: ["critical"], types: [] }, now: NOW });
    expect(critical.groups.map((g) => g.count)).toEqual([1]);
    const engine = await findErrorOverview({ projectId: "p1", window: "24h", filters: { severities: [], types: ["ENGINE_ERROR"] }, now: NOW });
    expect(engine.total).toBe(2);
  });
});

describe("findProjectErrors", () => {
  it("lists the window newest first, leaving out the 25-hour-old error", async () => {
    const page = await findProjectErrors({ projectId: "p1", since: ago(24 * HOUR), until: NOW, filters: none, cursor: undefined });
    expect(page.rows.map((r) => r.id)).toEqual(["a1", "b2", "b1", "a2", "a3"]);
    expect(page.next).toBeNull();
  });

  it("pages through ties without skipping or repeating a row", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await findProjectErrors({ projectId: "p2", since: ago(24 * HOUR), until: NOW, filters: none, cursor, limit: 5 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `tie${String(22 - i).padStart(2, "0")}`));
  });
});

describe("findProjectsOverview", () => {
  it("counts the last and the previous 24 hours", async () => {
    const overview = await findProjectsOverview({ now: NOW });
    expect(overview.find((p) => p.id === "p1")).toMatchObject({ errorsLast24h: 5, errorsPrevious24h: 1, runCount: 7 });
    expect(overview.find((p) => p.id === "p2")).toMatchObject({ errorsLast24h: 23, errorsPrevious24h: 0 });
  });
});

describe("findProjectRuns", () => {
  it("pages through runs sharing a start time in both orders, and filters by status", async () => {
    for (const order of ["desc", "asc"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await findProjectRuns({ projectId: "p1", order, cursor, limit: 2 });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
    }
    const failed = await findProjectRuns({ projectId: "p1", status: "failed" });
    expect(failed.rows.every((r) => r.status === "failed") && failed.rows.length === 3).toBe(true);
  });
});
