// Live mode's trailing window against the real engines: a row delivered late (created_at
// before the newest row a view has) still comes back, the window is read through page by
// page across ties, and the timeline's filters hold.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { findLiveRows } from "./find-live-rows";
import { findRunTimeline } from "./find-run-timeline";
import type { TimelineRow } from "./find-run-timeline";
import { LIVE_LOOKBACK_MS } from "./live-window";
import { timelineKeyOf, type TimelineKey } from "./timeline-cursor";
import type { TimelineFilters } from "./timeline-filters";

const T0 = Date.UTC(2025, 0, 1, 12);
const MINUTE = 60_000;
const none: TimelineFilters = { types: [], actorTypes: [], severities: [] };
const keys = (rows: TimelineRow[]) => rows.map((r) => `${r.kind}:${r.id}`);
const keyOf = (row: TimelineRow): TimelineKey => timelineKeyOf(row);

// One event a minute for 30 minutes; the newest (ev29) is what an open view shows on top.
const newest: TimelineKey = { createdAt: new Date(T0 + 29 * MINUTE), id: "ev29", kind: "event" };

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.createMany({ data: [{ id: "r1", projectId: "p1", startedAt: new Date(T0) }, { id: "r2", projectId: "p1" }] });
  await prisma().eventLog.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({ id: `ev${String(i).padStart(2, "0")}`, eventType: "SIM_STEP", actorType: i % 2 ? "user" : "system", runId: "r1", projectId: "p1", createdAt: new Date(T0 + i * MINUTE) })),
  });
  // Another run's row inside the window stays out.
  await prisma().eventLog.create({ data: { id: "other-run", eventType: "SIM_STEP", runId: "r2", createdAt: new Date(T0 + 28 * MINUTE) } });
});

describe("findLiveRows", () => {
  it("returns a row delivered late (older than the newest shown, inside the window), oldest first", async () => {
    // What a cursor at the newest row alone gives: nothing, before and after the late row.
    expect((await findLiveRows({ runId: "r1", filters: none, newest, limit: 200 })).rows.filter((r) => r.createdAt > newest.createdAt)).toEqual([]);
    await prisma().eventLog.create({ data: { id: "late", eventType: "LATE", actorType: "user", runId: "r1", projectId: "p1", createdAt: new Date(T0 + 29 * MINUTE - 30_000) } });
    await prisma().errorLog.create({ data: { id: "late-error", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "boom", severity: "critical", runId: "r1", projectId: "p1", createdAt: new Date(T0 + 25 * MINUTE) } });
    await prisma().eventLog.create({ data: { id: "ev30", eventType: "SIM_STEP", actorType: "system", runId: "r1", projectId: "p1", createdAt: new Date(T0 + 30 * MINUTE) } });
    const page = await findLiveRows({ runId: "r1", filters: none, newest, limit: 200 });
    // The window starts 10 minutes before ev29 (ev19 exactly, included); ev18 and older are not re-read.
    expect(keys(page.rows)).toEqual(["event:ev19", "event:ev20", "event:ev21", "event:ev22", "event:ev23", "event:ev24", "event:ev25", "error:late-error", "event:ev26", "event:ev27", "event:ev28", "event:late", "event:ev29", "event:ev30"]);
    expect(page.rows[0]!.createdAt.getTime()).toBe(newest.createdAt.getTime() - LIVE_LOOKBACK_MS);
    expect(page.next).toBeNull();
    expect(page.rows.find((r) => r.id === "late")).toMatchObject({ kind: "event", type: "LATE", actorType: "user" });
  });

  it("reads a window bigger than one page through, page by page, every row once, to the newest", async () => {
    // Ties: three events in one millisecond, and an error with one's id and time.
    const at = new Date(T0 + 27 * MINUTE + 1);
    await prisma().eventLog.createMany({ data: ["tie-b", "tie-a", "tie-c"].map((id) => ({ id, eventType: "SIM_STEP", runId: "r1", projectId: "p1", createdAt: at })) });
    await prisma().errorLog.create({ data: { id: "tie-a", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "boom", severity: "error", runId: "r1", projectId: "p1", createdAt: at } });
    const whole = (await findLiveRows({ runId: "r1", filters: none, newest, limit: 1_000 })).rows;
    for (const limit of [1, 2, 3, 5]) {
      const seen: TimelineRow[] = [];
      let from: TimelineKey | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await findLiveRows({ runId: "r1", filters: none, newest, from, limit });
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...page.rows);
        if (!page.next) break;
        from = page.next;
      }
      expect(keys(seen), `limit ${limit}`).toEqual(keys(whole));
    }
    expect(keys(whole).at(-1)).toBe("event:ev30");
    // A `from` before the window never reaches back past it.
    const stale = await findLiveRows({ runId: "r1", filters: none, newest, from: { createdAt: new Date(T0), id: "ev00", kind: "event" }, limit: 1_000 });
    expect(keys(stale.rows)).toEqual(keys(whole));
    // A `from` inside it reads on after that row only.
    const ev25 = whole.find((r) => r.id === "ev25")!;
    expect(keys((await findLiveRows({ runId: "r1", filters: none, newest, from: keyOf(ev25), limit: 1_000 })).rows)).toEqual(keys(whole.slice(whole.indexOf(ev25) + 1)));
  });

  it("keeps the timeline's filters", async () => {
    expect(keys((await findLiveRows({ runId: "r1", filters: { ...none, actorTypes: ["user"] }, newest, limit: 200 })).rows)).toEqual([
      "event:ev19",
      "event:ev21",
      "event:ev23",
      "event:ev25",
      "event:ev27",
      "event:late",
      "event:ev29",
    ]);
    expect(keys((await findLiveRows({ runId: "r1", filters: { ...none, severities: ["critical"] }, newest, limit: 200 })).rows)).toEqual(["error:late-error"]);
    expect(keys((await findLiveRows({ runId: "r1", filters: { ...none, types: ["LATE"] }, newest, limit: 200 })).rows)).toEqual(["event:late"]);
  });

  it("reads from the run's start when the view had no rows", async () => {
    const page = await findLiveRows({ runId: "r1", filters: { ...none, kind: "event" }, newest: null, limit: 3 });
    expect(keys(page.rows)).toEqual(["event:ev00", "event:ev01", "event:ev02"]);
    expect(page.next).toEqual(keyOf(page.rows[2]!));
    expect((await findLiveRows({ runId: "no-such-run", filters: none, newest, limit: 200 })).rows).toEqual([]);
  });
});

// #12.2: a busy run (more than a page in the window). Page 1 shows the newest 100 rows;
// the window reaches further back than its bottom, and the rows between were counted as
// new and shown again on the next page.
describe("findLiveRows on a busy run, as page 1 shows it", () => {
  const B0 = Date.UTC(2025, 2, 1, 12);
  const busyNone: TimelineFilters = { types: [], actorTypes: [], severities: [] };

  beforeAll(async () => {
    await prisma().run.create({ data: { id: "busy", projectId: "p1", startedAt: new Date(B0) } });
    // 150 events in 5 minutes, 2 s apart.
    await prisma().eventLog.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({ id: `b${String(i).padStart(3, "0")}`, eventType: "SIM_STEP", runId: "busy", projectId: "p1", createdAt: new Date(B0 + i * 2_000) })),
    });
  });

  it("gives nothing older than the bottom of page 1, and nothing twice, on the first poll", async () => {
    const page1 = await findRunTimeline({ runId: "busy", filters: busyNone, order: "desc" });
    expect(page1.rows).toHaveLength(100);
    expect(page1.next).not.toBeNull();
    const top = keyOf(page1.rows[0]!);
    const bottom = keyOf(page1.rows.at(-1)!);
    const shown = new Set(keys(page1.rows));
    // Nothing was sent since page 1 was read.
    const poll = await findLiveRows({ runId: "busy", filters: busyNone, newest: top, floor: bottom, limit: 200 });
    expect(keys(poll.rows).filter((k) => !shown.has(k))).toEqual([]);
    // One event sent: exactly that one is new.
    await prisma().eventLog.create({ data: { id: "b150", eventType: "SIM_STEP", runId: "busy", projectId: "p1", createdAt: new Date(B0 + 150 * 2_000) } });
    const after = await findLiveRows({ runId: "busy", filters: busyNone, newest: top, floor: bottom, limit: 200 });
    expect(keys(after.rows).filter((k) => !shown.has(k))).toEqual(["event:b150"]);
    // The next page (older) holds none of what live mode gave.
    const page2 = await findRunTimeline({ runId: "busy", filters: busyNone, order: "desc", cursor: page1.next });
    const live = new Set(keys(after.rows));
    expect(keys(page2.rows).filter((k) => live.has(k))).toEqual([]);
    // A row delivered late, above the bottom of page 1, still comes.
    await prisma().eventLog.create({ data: { id: "b-late", eventType: "LATE", runId: "busy", projectId: "p1", createdAt: new Date(B0 + 120 * 2_000 + 1) } });
    expect(keys((await findLiveRows({ runId: "busy", filters: busyNone, newest: top, floor: bottom, limit: 200 })).rows).filter((k) => !shown.has(k))).toEqual(["event:b-late", "event:b150"]);
  });
});
