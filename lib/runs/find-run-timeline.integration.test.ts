// The run timeline against the real engines: events and errors interleaved, many rows
// sharing one created_at (and an event and an error sharing an id), paged both ways.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { findRunTimeline, type TimelineRow } from "./find-run-timeline";
import { locateTimelineRow } from "./locate-timeline-row";
import { compareTimelineKeys, timelineKeyOf } from "./timeline-cursor";
import type { TimelineFilters } from "./timeline-filters";

const T0 = Date.UTC(2025, 0, 1, 12);
const none: TimelineFilters = { types: [], actorTypes: [], severities: [] };
const events: { id: string; eventType: string; actorType: string; createdAt: Date }[] = [];
const errors: { id: string; severity: string; createdAt: Date }[] = [];

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.createMany({ data: [{ id: "r1", projectId: "p1", startedAt: new Date(T0) }, { id: "r2", projectId: "p1" }] });
  for (let i = 0; i < 237; i++) {
    // Groups of 7 rows share a millisecond, with ids out of insertion order.
    const at = new Date(T0 + Math.floor(i / 7) * 1000);
    events.push({ id: `ev${String((i * 37) % 1000).padStart(4, "0")}`, eventType: i % 5 === 0 ? "SIM_STARTED" : "SIM_STEP", actorType: i % 3 === 0 ? "user" : "system", createdAt: at });
  }
  for (let i = 0; i < 40; i++) {
    errors.push({ id: `er${String(i).padStart(3, "0")}`, severity: ["warning", "error", "critical"][i % 3]!, createdAt: new Date(T0 + (i % 30) * 1000) });
  }
  // An error with the same id and time as an event: both must appear, once each.
  errors.push({ id: events[10]!.id, severity: "error", createdAt: events[10]!.createdAt });
  await prisma().eventLog.createMany({ data: events.map((e) => ({ ...e, runId: "r1", projectId: "p1", payload: { n: e.id } })) });
  await prisma().eventLog.create({ data: { id: "other-run", eventType: "SIM_STEP", runId: "r2", createdAt: new Date(T0) } });
  await prisma().errorLog.createMany({ data: errors.map((e) => ({ ...e, runId: "r1", projectId: "p1", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "boom" })) });
});

const keys = (rows: TimelineRow[]) => rows.map((r) => `${r.kind}:${r.id}`);

async function walk(filters: TimelineFilters, order: "desc" | "asc", limit: number) {
  const seen: TimelineRow[] = [];
  const pages: TimelineRow[][] = [];
  let page = await findRunTimeline({ runId: "r1", filters, order, limit });
  for (;;) {
    pages.push(page.rows);
    seen.push(...page.rows);
    if (!page.next) break;
    page = await findRunTimeline({ runId: "r1", filters, order, limit, cursor: page.next });
  }
  return { seen, pages, lastPage: page };
}

function expected(filters: TimelineFilters, order: "desc" | "asc") {
  const all = [
    ...events.filter((e) => !filters.severities.length && filters.kind !== "error" && (!filters.actorTypes.length || filters.actorTypes.includes(e.actorType)) && (!filters.types.length || filters.types.includes(e.eventType))).map((e) => ({ kind: "event" as const, id: e.id, createdAt: e.createdAt })),
    ...errors.filter((e) => !filters.actorTypes.length && filters.kind !== "event" && (!filters.severities.length || filters.severities.includes(e.severity)) && (!filters.types.length || filters.types.includes("API_ERROR"))).map((e) => ({ kind: "error" as const, id: e.id, createdAt: e.createdAt })),
  ].sort(compareTimelineKeys);
  if (order === "desc") all.reverse();
  return all.map((r) => `${r.kind}:${r.id}`);
}

describe("findRunTimeline", () => {
  it("gives each row's fields, times to the millisecond and JSON data as stored", async () => {
    const { rows } = await findRunTimeline({ runId: "r1", filters: none, order: "asc", limit: 1_000 });
    const event = rows.find((r) => r.kind === "event" && r.id === events[3]!.id)!;
    expect(event).toMatchObject({ type: events[3]!.eventType, actorType: events[3]!.actorType, severity: null, message: null, dataText: `{"n": "${events[3]!.id}"}` });
    expect(event.createdAt).toBeInstanceOf(Date);
    expect(event.createdAt.getTime()).toBe(events[3]!.createdAt.getTime());
    const error = rows.find((r) => r.kind === "error" && r.id === "er004")!;
    expect(error).toMatchObject({ type: "API_ERROR", severity: errors[4]!.severity, message: "boom", traceId: "11111111-1111-4111-8111-111111111111", actorType: null, dataText: null });
    expect(error.createdAt.getTime()).toBe(errors[4]!.createdAt.getTime());
    expect((await findRunTimeline({ runId: "no-such-run", filters: none })).rows).toEqual([]);
  });

  it("gives every row of the run exactly once, newest first, across pages of ties", async () => {
    const { seen, pages } = await walk(none, "desc", 9);
    expect(keys(seen)).toEqual(expected(none, "desc"));
    expect(seen).toHaveLength(events.length + errors.length);
    expect(pages.every((p) => p.length <= 9)).toBe(true);
  });

  it("does the same oldest first", async () => {
    const { seen } = await walk(none, "asc", 13);
    expect(keys(seen)).toEqual(expected(none, "asc"));
  });

  it("pages back (newer) to exactly the pages it came through", async () => {
    const { pages, lastPage } = await walk(none, "desc", 11);
    let page = lastPage;
    for (let i = pages.length - 2; i >= 0; i--) {
      expect(page.prev).not.toBeNull();
      page = await findRunTimeline({ runId: "r1", filters: none, order: "desc", limit: 11, cursor: page.prev });
      expect(keys(page.rows)).toEqual(keys(pages[i]!));
    }
    expect(page.prev).toBeNull();
  });

  it("applies type, actor and severity filters, and keeps paging right under them", async () => {
    const cases: TimelineFilters[] = [
      { ...none, types: ["SIM_STARTED"] },
      { ...none, actorTypes: ["user"] },
      { ...none, severities: ["critical", "warning"] },
      { ...none, kind: "error" },
      { ...none, kind: "event", types: ["SIM_STEP"], actorTypes: ["system"] },
      { ...none, types: ["API_ERROR", "SIM_STARTED"] },
    ];
    for (const filters of cases) {
      for (const order of ["desc", "asc"] as const) {
        const { seen } = await walk(filters, order, 7);
        expect(keys(seen), JSON.stringify({ filters, order })).toEqual(expected(filters, order));
      }
    }
  });

  it("returns payload and error fields", async () => {
    const page = await findRunTimeline({ runId: "r1", filters: { ...none, types: ["SIM_STARTED"] }, limit: 1, order: "asc" });
    expect(page.rows[0]).toMatchObject({ kind: "event", type: "SIM_STARTED", dataText: `{"n": "${page.rows[0]!.id}"}` });
    expect(page.rows[0]!.createdAt).toBeInstanceOf(Date);
    const err = await findRunTimeline({ runId: "r1", filters: { ...none, kind: "error" }, limit: 1 });
    expect(err.rows[0]).toMatchObject({ kind: "error", type: "API_ERROR", message: "boom", traceId: "11111111-1111-4111-8111-111111111111" });
  });

  it("opens a permalinked row on a page that contains it", async () => {
    const all = expected(none, "desc");
    for (const index of [0, 5, 120, all.length - 1]) {
      const [kind, id] = all[index]!.split(":") as ["event" | "error", string];
      if (kind === "error" && id === events[10]!.id) continue;
      const located = await locateTimelineRow({ runId: "r1", rowId: id, filters: none, order: "desc" });
      expect(located.found).toBe(true);
      const page = await findRunTimeline({ runId: "r1", filters: none, order: "desc", cursor: located.cursor });
      expect(keys(page.rows)).toContain(`${located.kind}:${id}`);
    }
    expect((await locateTimelineRow({ runId: "r1", rowId: "other-run", filters: none, order: "desc" })).found).toBe(false);
  });

  it("knows when the rows just outside a page were written, paging either way", async () => {
    const time = (row: TimelineRow | undefined) => row?.createdAt.getTime() ?? null;
    for (const order of ["desc", "asc"] as const) {
      const pages: { rows: TimelineRow[]; edges: { before: Date | null; after: Date | null } }[] = [];
      let page = await findRunTimeline({ runId: "r1", filters: none, order, limit: 11 });
      for (;;) {
        pages.push(page);
        if (!page.next) break;
        page = await findRunTimeline({ runId: "r1", filters: none, order, limit: 11, cursor: page.next });
      }
      pages.forEach((p, i) => {
        expect(p.edges.before?.getTime() ?? null, `${order} page ${i} before`).toBe(time(pages[i - 1]?.rows.at(-1)));
        expect(p.edges.after?.getTime() ?? null, `${order} page ${i} after`).toBe(time(pages[i + 1]?.rows[0]));
      });
      // Back again (newer pages by their prev cursors): the same edges.
      for (let i = pages.length - 2; i >= 1; i--) {
        const back = await findRunTimeline({ runId: "r1", filters: none, order, limit: 11, cursor: { key: timelineKeyOf(pages[i + 1]!.rows[0]!), direction: "prev" } });
        expect(back.edges.before?.getTime(), `${order} back ${i} before`).toBe(time(pages[i - 1]!.rows.at(-1)));
        expect(back.edges.after?.getTime(), `${order} back ${i} after`).toBe(time(pages[i + 1]!.rows[0]));
      }
    }
  });

  it("says when the filters leave a permalinked row out", async () => {
    const step = events.find((e) => e.eventType === "SIM_STEP" && e.actorType === "user")!;
    const locate = (filters: TimelineFilters) => locateTimelineRow({ runId: "r1", rowId: step.id, filters, order: "desc" });
    expect(await locate(none)).not.toHaveProperty("hiddenByFilters");
    expect(await locate({ ...none, types: ["SIM_STEP"], actorTypes: ["user"] })).not.toHaveProperty("hiddenByFilters");
    for (const filters of [{ ...none, types: ["SIM_STARTED"] }, { ...none, actorTypes: ["system"] }, { ...none, kind: "error" as const }, { ...none, severities: ["error"] }]) {
      expect(await locate(filters), JSON.stringify(filters)).toMatchObject({ found: true, kind: "event", hiddenByFilters: true });
    }
    expect(await locateTimelineRow({ runId: "r1", rowId: "er004", filters: { ...none, severities: [errors[4]!.severity === "critical" ? "warning" : "critical"] }, order: "desc" })).toMatchObject({ hiddenByFilters: true });
  });
});
