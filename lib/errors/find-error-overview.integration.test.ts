// The 24-hour errors view and its list against the real engines: the window edges,
// grouping every error by its stored fingerprint (normalised message), per-hour counts,
// filters (one group among them), ties, and keyset paging with ties.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { database, prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { findErrorOverview, type ErrorFilters } from "./find-error-overview";
import { customErrorRange } from "./error-window";
import { fingerprintSql } from "./message-pattern";
import { findProjectErrors } from "./find-project-errors";
import { findProjectsOverview } from "@/lib/projects/find-projects-overview";
import { findProjectRuns } from "@/lib/runs/find-project-runs";

const NOW = new Date(Date.UTC(2025, 5, 1, 12, 30));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const none: ErrorFilters = { severities: [], types: [] };

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
    expect(overview.groupCount).toBe(2);
    expect(overview.groups.map((g) => [g.errorType, g.pattern, g.count])).toEqual([
      ["API_ERROR", "Timeout after <n> ms calling <uuid>", 3],
      ["ENGINE_ERROR", "Object <hex> freed twice at step <n>", 2],
    ]);
    const api = overview.groups[0]!;
    expect(api.firstSeen.toISOString()).toBe(ago(23 * HOUR).toISOString());
    expect(api.lastSeen.toISOString()).toBe(ago(10 * 60_000).toISOString());
    // The example is the group's newest error.
    expect(api.sampleTraceId).toBe("t-a1");
    expect(api.buckets).toHaveLength(24);
    expect(api.buckets.reduce((a, b) => a + b, 0)).toBe(3);
    expect(api.buckets[23]).toBe(1);
    expect(api.buckets[21]).toBe(1);
    expect(api.buckets[0]).toBe(1);
    expect(overview.chart[23]).toMatchObject({ error: 1, warning: 2, critical: 0 });
    expect(overview.chart[0]).toMatchObject({ critical: 1 });
  });

  it("follows the window switch and the filters", async () => {
    expect((await findErrorOverview({ projectId: "p1", window: "1h", filters: none, now: NOW })).total).toBe(3);
    expect((await findErrorOverview({ projectId: "p1", window: "7d", filters: none, now: NOW })).total).toBe(6);
    const critical = await findErrorOverview({ projectId: "p1", window: "24h", filters: { severities: ["critical"], types: [] }, now: NOW });
    expect(critical.groups.map((g) => [g.count, g.sampleTraceId])).toEqual([[1, "t-a3"]]);
    const engine = await findErrorOverview({ projectId: "p1", window: "24h", filters: { severities: [], types: ["ENGINE_ERROR"] }, now: NOW });
    expect(engine.total).toBe(2);
    expect(engine.groups.map((g) => g.errorType)).toEqual(["ENGINE_ERROR"]);
    const nothing = await findErrorOverview({ projectId: "p1", window: "24h", filters: { severities: ["warning"], types: ["API_ERROR"] }, now: NOW });
    expect(nothing).toMatchObject({ total: 0, groups: [], groupCount: 0 });
  });

  it("counts any absolute range, in buckets that start at its start", async () => {
    // (25 h ago, 20 h ago]: a3 (23 h) and old (25 h: the start is excluded, as in the windows).
    const range = customErrorRange(ago(25 * HOUR), ago(20 * HOUR));
    expect([range.bucketMs, range.buckets]).toEqual([15 * 60_000, 20]);
    const overview = await findErrorOverview({ projectId: "p1", range, filters: none, now: NOW });
    expect(overview.total).toBe(1);
    expect(overview.chart).toHaveLength(20);
    expect(overview.chart[0]!.start.toISOString()).toBe(ago(25 * HOUR).toISOString());
    // a3 at 23 h ago: 2 h after the start, the 9th bucket (bins are (start, end]).
    expect(overview.chart.findIndex((b) => b.critical === 1)).toBe(7);
    const wider = await findErrorOverview({ projectId: "p1", range: customErrorRange(ago(25 * HOUR + 1), ago(20 * HOUR)), filters: none, now: NOW });
    expect(wider.total).toBe(2);
  });
});

describe("one group (?group=<fingerprint>)", () => {
  async function fingerprintOf(errorType: string, message: string): Promise<string> {
    const [row] = await prisma().$queryRaw<{ f: string }[]>`SELECT ${fingerprintSql(Prisma.sql`${errorType}::text`, Prisma.sql`${message}::text`)}::text AS f`;
    return row!.f;
  }

  it("returns each group's stored fingerprint", async () => {
    const overview = await findErrorOverview({ projectId: "p1", window: "24h", filters: none, now: NOW });
    expect(overview.groups.map((g) => g.fingerprint)).toEqual([
      await fingerprintOf("API_ERROR", "Timeout after 1 ms calling 00000000-0000-0000-0000-000000000000"),
      await fingerprintOf("ENGINE_ERROR", "Object 0xff freed twice at step 1"),
    ]);
    expect(overview.groups[0]!.fingerprint).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("narrows the total, the chart, the groups and the list to that group", async () => {
    const all = await findErrorOverview({ projectId: "p1", window: "24h", filters: none, now: NOW });
    const api = all.groups.find((g) => g.errorType === "API_ERROR")!;
    const engine = all.groups.find((g) => g.errorType === "ENGINE_ERROR")!;
    const one = await findErrorOverview({ projectId: "p1", window: "24h", filters: { ...none, group: api.fingerprint }, now: NOW });
    expect(one.total).toBe(3);
    expect(one.groupCount).toBe(1);
    expect(one.groups).toEqual([api]);
    // The chart counts only the group: the newest hour had one API error and two ENGINE warnings.
    expect(one.chart[23]).toMatchObject({ error: 1, warning: 0, critical: 0 });
    expect(one.chart.reduce((a, c) => a + c.warning + c.error + c.critical, 0)).toBe(3);
    const list = await findProjectErrors({ projectId: "p1", since: ago(24 * HOUR), until: NOW, filters: { ...none, group: api.fingerprint }, cursor: undefined });
    expect(list.rows.map((r) => r.id)).toEqual(["a1", "a2", "a3"]);
    const engineList = await findProjectErrors({ projectId: "p1", since: ago(24 * HOUR), until: NOW, filters: { ...none, group: engine.fingerprint }, cursor: undefined });
    expect(engineList.rows.map((r) => r.id)).toEqual(["b2", "b1"]);
  });

  it("keeps the window and the other filters, and finds nothing for a group not there", async () => {
    const api = await fingerprintOf("API_ERROR", "Timeout after 1 ms calling 00000000-0000-0000-0000-000000000000");
    const group = (filters: Partial<ErrorFilters>, window: "1h" | "24h" | "7d" = "24h") => findErrorOverview({ projectId: "p1", window, filters: { ...none, ...filters, group: api }, now: NOW });
    // The 25-hour-old error of the group is in the 7-day window only.
    expect((await group({}, "7d")).total).toBe(4);
    expect((await group({}, "1h")).total).toBe(1);
    expect((await group({ severities: ["critical"] })).groups.map((g) => [g.count, g.sampleTraceId])).toEqual([[1, "t-a3"]]);
    expect(await group({ types: ["ENGINE_ERROR"] })).toMatchObject({ total: 0, groups: [], groupCount: 0 });
    // A group of another project, and one no error has.
    const tie = await fingerprintOf("DB_ERROR", "tie 0");
    expect(await findErrorOverview({ projectId: "p1", window: "24h", filters: { ...none, group: tie }, now: NOW })).toMatchObject({ total: 0, groups: [], groupCount: 0 });
    expect((await findErrorOverview({ projectId: "p2", window: "24h", filters: { ...none, group: tie }, now: NOW })).total).toBe(23);
    const nobody = { ...none, group: "d41d8cd9-8f00-b204-e980-0998ecf8427e" };
    expect(await findErrorOverview({ projectId: "p1", window: "7d", filters: nobody, now: NOW })).toMatchObject({ total: 0, groups: [], groupCount: 0 });
    expect((await findProjectErrors({ projectId: "p1", since: ago(7 * DAY), until: NOW, filters: nobody, cursor: undefined })).rows).toEqual([]);
  });

  it("pages through one group's errors without skipping or repeating a row", async () => {
    // Two groups interleaved at one instant (ties on created_at), in a project of their own.
    await prisma().project.create({ data: { id: "pg", name: "Paging" } });
    await prisma().errorLog.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        id: `g${String(i).padStart(2, "0")}`,
        errorType: i % 2 ? "Y_ERROR" : "X_ERROR",
        message: `retry ${i} failed`,
        createdAt: ago(3 * HOUR),
        projectId: "pg",
        traceId: "t",
      })),
    });
    const x = await fingerprintOf("X_ERROR", "retry 1 failed");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await findProjectErrors({ projectId: "pg", since: ago(24 * HOUR), until: NOW, filters: { ...none, group: x }, cursor, limit: 5 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `g${String(22 - 2 * i).padStart(2, "0")}`));
  });
});

describe("findErrorOverview at volume", () => {
  const T = new Date(Date.UTC(2025, 7, 1, 0, 0));
  const at = (ms: number) => new Date(T.getTime() - ms);
  const fresh = { severities: [], types: [] };

  beforeAll(async () => {
    await prisma().project.createMany({ data: [{ id: "vol", name: "Volume" }, { id: "ties", name: "Ties" }, { id: "many", name: "Many" }, { id: "edge", name: "Edge" }] });
    // 6,000 errors by COPY (the seeding and benchmark writer): the 4,000 oldest of the
    // window form one group, the 2,000 newest another; a group is counted over every
    // row of the window, not over the newest few thousand.
    await database().copyRows(
      "error_logs",
      ["id", "trace_id", "error_type", "message", "project_id", "severity", "created_at"],
      Array.from({ length: 6_000 }, (_, i) =>
        i < 4_000
          ? [`old-${i}`, `trace-old-${i}`, "DB_ERROR", `deadlock detected on relation ${16_000 + i}`, "vol", i % 2 ? "error" : "critical", at(20 * HOUR - i * 1_000)]
          : [`new-${i}`, `trace-new-${i}`, "API_ERROR", `GET /api/items/${i} returned 503`, "vol", "warning", at(HOUR - (i - 4_000) * 1_000)],
      ),
    );
    // The ingestion API's kind of statement (a multi-row INSERT naming its columns): the
    // database fills the fingerprint whoever writes the row.
    await prisma().$executeRaw`
      INSERT INTO error_logs (id, trace_id, error_type, message, project_id, severity, created_at)
      SELECT * FROM unnest(${["raw-1", "raw-2"]}::text[], ${["trace-raw-1", "trace-raw-2"]}::text[], ${["DB_ERROR", "DB_ERROR"]}::text[],
        ${["deadlock detected on relation 7", "deadlock detected on relation 8"]}::text[], ${["vol", "vol"]}::text[], ${["error", "error"]}::text[],
        ${[at(30 * 60_000), at(31 * 60_000)]}::timestamptz[])`;
  });

  it("counts every error of the window into its group", async () => {
    const overview = await findErrorOverview({ projectId: "vol", window: "24h", filters: fresh, now: T });
    expect(overview.total).toBe(6_002);
    expect(overview.groups.map((g) => [g.errorType, g.pattern, g.count])).toEqual([
      ["DB_ERROR", "deadlock detected on relation <n>", 4_002],
      ["API_ERROR", "GET /api/items/<n> returned <n>", 2_000],
    ]);
    const db = overview.groups[0]!;
    expect(db.firstSeen.toISOString()).toBe(at(20 * HOUR).toISOString());
    expect(db.lastSeen.toISOString()).toBe(at(30 * 60_000).toISOString());
    expect(db.sampleTraceId).toBe("trace-raw-1");
    expect(db.buckets.reduce((a, b) => a + b, 0)).toBe(4_002);
    expect(overview.chart.reduce((a, c) => a + c.warning + c.error + c.critical, 0)).toBe(6_002);
    const critical = await findErrorOverview({ projectId: "vol", window: "24h", filters: { severities: ["critical"], types: [] }, now: T });
    expect(critical.groups.map((g) => [g.errorType, g.count])).toEqual([["DB_ERROR", 2_000]]);
    // One group, rows written by COPY and by INSERT alike: all of it, and only it.
    const one = await findErrorOverview({ projectId: "vol", window: "24h", filters: { ...fresh, group: db.fingerprint }, now: T });
    expect(one.total).toBe(4_002);
    expect(one.groups).toEqual([db]);
    expect(one.chart.reduce((a, c) => a + c.warning, 0)).toBe(0);
    const newest = await findProjectErrors({ projectId: "vol", since: at(DAY), until: T, filters: { ...fresh, group: db.fingerprint }, cursor: undefined, limit: 3 });
    expect(newest.rows.map((r) => r.id)).toEqual(["raw-1", "raw-2", "old-3999"]);
  });

  it("stores the fingerprint from the same normalisation the page shows, for every writer", async () => {
    await prisma().errorLog.create({ data: { id: "orm-1", traceId: "t", errorType: "DB_ERROR", message: "deadlock detected on relation 99", projectId: "vol", createdAt: at(DAY * 3) } });
    const [row] = await prisma().$queryRaw<{ rows: number; mismatched: number; missing: number; groups: number }[]>`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE fingerprint IS DISTINCT FROM ${fingerprintSql(Prisma.sql`error_type`, Prisma.sql`message`)})::int AS mismatched,
        count(*) FILTER (WHERE fingerprint IS NULL)::int AS missing,
        count(DISTINCT fingerprint)::int AS groups
      FROM error_logs WHERE project_id = 'vol'`;
    expect(row).toEqual({ rows: 6_003, mismatched: 0, missing: 0, groups: 2 });
    // Only the first 300 characters count; the type is part of the group.
    const [same] = await prisma().$queryRaw<{ long: boolean; type: boolean; separator: boolean }[]>`
      SELECT ${fingerprintSql(Prisma.sql`'E'`, Prisma.sql`${"x".repeat(300) + "a"}::text`)} = ${fingerprintSql(Prisma.sql`'E'`, Prisma.sql`${"x".repeat(300) + "b"}::text`)} AS long,
        ${fingerprintSql(Prisma.sql`'E'`, Prisma.sql`'m'`)} = ${fingerprintSql(Prisma.sql`'F'`, Prisma.sql`'m'`)} AS type,
        ${fingerprintSql(Prisma.sql`'E:x'`, Prisma.sql`'y'`)} = ${fingerprintSql(Prisma.sql`'E'`, Prisma.sql`'x:y'`)} AS separator`;
    expect(same).toEqual({ long: true, type: false, separator: false });
  });

  it("orders groups of equal count by last seen, then type, and keeps that order stable", async () => {
    // Three groups of 2, two of them last seen at the same instant, plus a group of 3.
    const tie = at(2 * HOUR);
    await prisma().errorLog.createMany({
      data: [
        { id: "t1", errorType: "B_ERROR", message: "b 1", createdAt: tie },
        { id: "t2", errorType: "B_ERROR", message: "b 2", createdAt: at(3 * HOUR) },
        { id: "t3", errorType: "A_ERROR", message: "a 1", createdAt: tie },
        { id: "t4", errorType: "A_ERROR", message: "a 2", createdAt: at(4 * HOUR) },
        { id: "t5", errorType: "C_ERROR", message: "c 1", createdAt: at(HOUR) },
        { id: "t6", errorType: "C_ERROR", message: "c 2", createdAt: at(5 * HOUR) },
        { id: "t7", errorType: "D_ERROR", message: "d", createdAt: at(10 * HOUR) },
        { id: "t8", errorType: "D_ERROR", message: "d", createdAt: at(10 * HOUR) },
        { id: "t9", errorType: "D_ERROR", message: "d", createdAt: at(10 * HOUR) },
      ].map((r) => ({ ...r, projectId: "ties", traceId: `trace-${r.id}` })),
    });
    const overview = await findErrorOverview({ projectId: "ties", window: "24h", filters: fresh, now: T });
    expect(overview.groups.map((g) => [g.errorType, g.count])).toEqual([
      ["D_ERROR", 3],
      ["C_ERROR", 2],
      ["A_ERROR", 2],
      ["B_ERROR", 2],
    ]);
    // Three errors at one instant: the example is the one with the highest id.
    expect(overview.groups[0]!.sampleTraceId).toBe("trace-t9");
  });

  it("shows the 50 largest groups and says how many there are", async () => {
    await database().copyRows(
      "error_logs",
      ["id", "trace_id", "error_type", "message", "project_id", "severity", "created_at"],
      Array.from({ length: 60 }, (_, g) => Array.from({ length: g + 1 }, (_, k) => [`m-${g}-${k}`, `trace-${g}`, `TYPE_${String(g).padStart(2, "0")}`, "same message", "many", "error", at(HOUR + k)])).flat(),
    );
    const overview = await findErrorOverview({ projectId: "many", window: "24h", filters: fresh, now: T });
    expect(overview.groupCount).toBe(60);
    expect(overview.groups).toHaveLength(50);
    expect(overview.groups[0]).toMatchObject({ errorType: "TYPE_59", count: 60 });
    expect(overview.groups[49]).toMatchObject({ errorType: "TYPE_10", count: 11 });
    expect(overview.total).toBe((60 * 61) / 2);
  });

  it("takes an error exactly at the window's end and leaves out one exactly at its start", async () => {
    await prisma().errorLog.createMany({
      data: [
        { id: "e-start", createdAt: at(DAY) },
        { id: "e-after-start", createdAt: new Date(at(DAY).getTime() + 1) },
        { id: "e-hour", createdAt: at(HOUR) },
        { id: "e-end", createdAt: T },
        { id: "e-future", createdAt: new Date(T.getTime() + 1) },
      ].map((r) => ({ ...r, projectId: "edge", traceId: r.id, errorType: "EDGE", message: "edge", severity: "error" })),
    });
    const overview = await findErrorOverview({ projectId: "edge", window: "24h", filters: fresh, now: T });
    expect(overview.total).toBe(3);
    const [edge] = overview.groups;
    expect(edge).toMatchObject({ count: 3, sampleTraceId: "e-end" });
    expect(edge!.firstSeen.getTime()).toBe(at(DAY).getTime() + 1);
    // Buckets are (start, end]: 1 ms after the window's start is the oldest hour, an
    // error exactly an hour old closes the second newest, the window's end the newest.
    expect(edge!.buckets[0]).toBe(1);
    expect(edge!.buckets[22]).toBe(1);
    expect(edge!.buckets[23]).toBe(1);
    expect(overview.chart[0]!.start.toISOString()).toBe(at(DAY).toISOString());
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
    const { projects: overview } = await findProjectsOverview({ now: NOW });
    expect(overview.find((p) => p.id === "p1")).toMatchObject({ errorsLast24h: 5, errorsPrevious24h: 1, runCount: 7 });
    expect(overview.find((p) => p.id === "p2")).toMatchObject({ errorsLast24h: 23, errorsPrevious24h: 0 });
  });
});

describe("findProjectsOverview with many projects", () => {
  it("ranks every project by its errors, so a busy project is shown whatever its name, and counts them all", async () => {
    const before = await prisma().project.count();
    await prisma().project.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ id: `aaa_quiet_${i}`, name: `aaa quiet ${i}` })) });
    const all = await findProjectsOverview({ now: NOW, limit: 1_000 });
    expect(all.total).toBe(before + 30);
    const busy = all.projects.filter((p) => p.errorsLast24h > 0);
    expect(busy.map((p) => p.id)).toEqual(expect.arrayContaining(["p1", "p2"]));
    // Cut at as many as have errors: exactly those, though 30 quiet projects come first by name.
    const { projects, total } = await findProjectsOverview({ now: NOW, limit: busy.length });
    expect(total).toBe(before + 30);
    expect(projects.map((p) => p.id)).toEqual(busy.map((p) => p.id));
    expect(projects.map((p) => p.errorsLast24h)).toEqual([...projects.map((p) => p.errorsLast24h)].sort((a, b) => b - a));
    await prisma().project.deleteMany({ where: { id: { startsWith: "aaa_quiet_" } } });
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
