// Values from a URL that no stored row can hold — a NUL (PostgreSQL refuses the bind
// parameter itself, 22021) or an unpaired surrogate (ingestion refuses it) — in a filter,
// an `at`, a cursor or the go-to box: each reader ignores them like any other invalid
// value and answers from the real engines, never with an error.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { parseErrorViewQuery } from "@/lib/errors/error-view-query";
import { findErrorOverview } from "@/lib/errors/find-error-overview";
import { findProjectErrors } from "@/lib/errors/find-project-errors";
import { findProjectRuns } from "@/lib/runs/find-project-runs";
import { findRunTimeline } from "@/lib/runs/find-run-timeline";
import { locateTimelineRow } from "@/lib/runs/locate-timeline-row";
import { decodeTimelineCursor } from "@/lib/runs/timeline-cursor";
import { parseTimelineQuery } from "@/lib/runs/timeline-filters";
import { resolveLookup } from "@/lib/search/resolve-lookup";

const T0 = new Date(Date.UTC(2025, 0, 1, 12));
const NUL_AND_SURROGATE = ["a\u0000b", "\u0000", "x\ud800"];
const cursorOf = (tuple: unknown[]) => Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.create({ data: { id: "r1", projectId: "p1", startedAt: T0 } });
  await prisma().eventLog.create({ data: { id: "ev1", eventType: "SIM_STEP", runId: "r1", projectId: "p1", createdAt: T0 } });
  await prisma().errorLog.create({ data: { id: "er1", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "boom", runId: "r1", projectId: "p1", createdAt: T0 } });
});

describe("the run timeline", () => {
  it("ignores such a type, `at` or cursor id and shows the run", async () => {
    for (const bad of NUL_AND_SURROGATE) {
      const query = parseTimelineQuery({ type: bad, at: bad, cursor: cursorOf([T0.toISOString(), bad, "event", "n"]) });
      const cursor = decodeTimelineCursor(query.cursor);
      expect(cursor).toBeNull();
      expect(query.at).toBeUndefined();
      const page = await findRunTimeline({ runId: "r1", filters: query.filters, order: query.order, cursor });
      expect(page.rows.map((r) => r.id).sort(), JSON.stringify(bad)).toEqual(["er1", "ev1"]);
    }
  });

  it("the live route's `after` cursor too", async () => {
    expect(decodeTimelineCursor(cursorOf([T0.toISOString(), "ev\u0000", "event", "n"]))).toBeNull();
    // A well-formed cursor of the same shape still locates rows.
    expect((await locateTimelineRow({ runId: "r1", rowId: "ev1", filters: parseTimelineQuery({}).filters, order: "desc" })).found).toBe(true);
  });
});

describe("a project's errors and runs", () => {
  it("ignore such a type or cursor id", async () => {
    for (const bad of NUL_AND_SURROGATE) {
      const query = parseErrorViewQuery({ type: bad, cursor: cursorOf([T0.toISOString(), bad]) });
      expect(query.types).toEqual([]);
      const filters = { severities: query.severities, types: query.types };
      const list = await findProjectErrors({ projectId: "p1", since: new Date(T0.getTime() - 1), until: new Date(T0.getTime() + 1), filters, cursor: query.cursor });
      expect(list.rows.map((r) => r.id)).toEqual(["er1"]);
      const overview = await findErrorOverview({ projectId: "p1", window: "24h", filters, now: new Date(T0.getTime() + 60_000) });
      expect(overview.total).toBe(1);
      const runs = await findProjectRuns({ projectId: "p1", cursor: cursorOf([T0.toISOString(), bad]) });
      expect(runs.rows.map((r) => r.id)).toEqual(["r1"]);
    }
  });
});

describe("the go-to box", () => {
  it("finds nothing for such an id, without asking the database to compare it", async () => {
    for (const bad of NUL_AND_SURROGATE) expect(await resolveLookup({ query: bad })).toEqual({ found: false, id: null });
    // A traceId next to one is still found.
    expect(await resolveLookup({ query: "\u000011111111-1111-4111-8111-111111111111" })).toMatchObject({ found: true, kind: "trace" });
  });
});
