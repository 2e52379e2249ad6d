// The query language's SQL on the real engines: every field, operator and escape against
// seeded rows that share one created_at, through the explorer's own reads.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "@/lib/db/client";
import { planQuery } from "@/lib/query/plan-query";
import { compareTimelineKeys, timelineKeyOf } from "@/lib/runs/timeline-cursor";
import type { TimelineRow } from "@/lib/runs/find-run-timeline";
import { findExploreFacets } from "./find-explore-facets";
import { findExploreHistogram } from "./find-explore-histogram";
import { findExploreRows } from "./find-explore-rows";
import { parseExploreRequest } from "@/lib/explore/parse-explore-request";
import { AppError } from "@/lib/http/app-error";

const T0 = new Date(Date.UTC(2026, 0, 10, 12));
const range = { from: new Date(T0.getTime() - 3_600_000), to: new Date(T0.getTime() + 3_600_000) };
const TRACE = "0f8fad5b-d9cb-469f-a165-70867728950e";

beforeAll(async () => {
  await truncateAll();
  await prisma().project.createMany({ data: [{ id: "p1", name: "One" }, { id: "p2", name: "Two" }] });
  await prisma().run.createMany({ data: [{ id: "r1", projectId: "p1" }, { id: "r2", projectId: "p2" }] });
  const event = (id: string, eventType: string, payload: object, extra: Record<string, unknown> = {}) => ({ id, eventType, payload, projectId: "p1", runId: "r1", createdAt: T0, actorType: "system", actorId: "engine", ...extra });
  await prisma().eventLog.createMany({
    data: [
      event("e1", "SIM_STEP", { step: 5, model: { name: "hydro-v3" } }),
      event("e2", "SIM_STEP", { step: 25, note: "Solver diverged quickly" }),
      event("e3", "PARAMS_UPDATED", { field: "rainfall", value: 42, done: true, "http.route": "/login" }, { actorType: "user", actorId: "usr_margaret", userId: "usr_margaret" }),
      event("e4", "SIM_FAILED", { step: "20", x: null, text: "100% a_b \\ back" }, { projectId: "p2", runId: "r2" }),
      // Outside the range: never found.
      event("e5", "SIM_STEP", { order: "ord_5521", note: "Solver" }, { createdAt: new Date(T0.getTime() - 2 * 86_400_000) }),
    ],
  });
  const error = (id: string, errorType: string, message: string, severity: string, extra: Record<string, unknown> = {}) => ({ id, errorType, message, severity, traceId: TRACE, projectId: "p1", runId: "r1", createdAt: T0, ...extra });
  await prisma().errorLog.createMany({
    data: [
      error("x1", "ENGINE_ERROR", "Solver diverged at step 800", "critical", { detail: { attempt: 3 }, endpoint: "/api/runs/:id/save" }),
      error("x2", "API_ERROR", "Timeout", "warning", { stack: "at handler (src/api.ts)", detail: { attempt: 1, user: { id: null } }, projectId: "p2", runId: "r2", traceId: "11111111-1111-4111-8111-111111111111" }),
      error("x3", "QUOTA_ERROR", "Quota exceeded for usr_margaret", "error", { runId: null, traceId: "22222222-2222-4222-8222-222222222222" }),
    ],
  });
});

async function search(query: string, projectId?: string): Promise<string[]> {
  const page = await findExploreRows({ projectId, tree: planQuery(query), range, cursor: null, limit: 100 });
  return page.rows.map((r) => r.id).sort();
}

const ALL = ["e1", "e2", "e3", "e4", "x1", "x2", "x3"];
const CASES: [string, string[]][] = [
  ["", ALL],
  ["solver", ["e2", "x1"]],
  ['"Solver diverged"', ["e2", "x1"]],
  ["Solver quickly", ["e2"]],
  ["usr_margaret", ["x3"]],
  ["src/api.ts", ["x2"]],
  ["/api/runs/:id", ["x1"]],
  ["100%", ["e4"]],
  ["0%", ["e4"]],
  ["a_b", ["e4"]],
  ["a%b", []],
  ["\\", ["e4"]],
  ["hydro-v3", ["e1"]],
  ["type:SIM_STEP", ["e1", "e2"]],
  ["type:SIM_*", ["e1", "e2", "e4"]],
  ["type:SIM_STEP,QUOTA_ERROR", ["e1", "e2", "x3"]],
  ["-type:SIM_STEP", ["e3", "e4", "x1", "x2", "x3"]],
  ["kind:error", ["x1", "x2", "x3"]],
  ["kind:event", ["e1", "e2", "e3", "e4"]],
  ["severity:critical,warning", ["x1", "x2"]],
  ["-severity:warning", ["e1", "e2", "e3", "e4", "x1", "x3"]],
  ["actor:usr_margaret", ["e3"]],
  ["actorType:user", ["e3"]],
  ["-actorType:user", ["e1", "e2", "e4", "x1", "x2", "x3"]],
  ["user:usr_margaret", ["e3"]],
  ["run:r1", ["e1", "e2", "e3", "x1"]],
  ["-run:r1", ["e4", "x2", "x3"]],
  ["project:p2", ["e4", "x2"]],
  [`trace:${TRACE}`, ["x1"]],
  ["endpoint:/api/runs/*", ["x1"]],
  ["payload.step>20", ["e2"]],
  ["payload.step:>=5", ["e1", "e2"]],
  ["payload.step<=5", ["e1"]],
  ["payload.step:20", []],
  ['payload.step:"20"', ["e4"]],
  ["payload.model.name:hydro*", ["e1"]],
  // A key with a dot in it (OpenTelemetry's attribute names), quoted; unquoted, the dot nests.
  ['payload."http.route":/login', ["e3"]],
  ["payload.http.route:/login", []],
  // `*` alone: any value. A JSON null is no value; a path that is not there matches nothing.
  ["payload.step:*", ["e1", "e2", "e4"]],
  ["payload.model:*", ["e1"]],
  ["payload.x:*", []],
  ["-payload.step:*", ["e3", "x1", "x2", "x3"]],
  ["user:*", ["e3"]],
  ["run:*", ["e1", "e2", "e3", "e4", "x1", "x2"]],
  ["type:*", ALL],
  ["kind:*", ALL],
  ["severity:*", ["x1", "x2", "x3"]],
  ["payload.value>=1e-300", ["e3"]],
  ["payload.value<1e-300", []],
  ["payload.value:0", []],
  ["payload.value:42", ["e3"]],
  ["payload.value:42.0", ["e3"]],
  ["payload.done:true", ["e3"]],
  ["payload.x:null", ["e4"]],
  ["detail.user.id:null", ["x2"]],
  ["detail.attempt>=3", ["x1"]],
  ["-detail.attempt:1", ["e1", "e2", "e3", "e4", "x1", "x3"]],
  ["type:SIM_STEP OR kind:error", ["e1", "e2", "x1", "x2", "x3"]],
  ["(type:SIM_STEP OR type:SIM_FAILED) -project:p2", ["e1", "e2"]],
  ["solver OR timeout", ["e2", "x1", "x2"]],
  ["'; DROP TABLE event_logs; --", []],
  ["\u0000", []],
  ["type:\u0000", []],
  ["\u202E", []],
  [`"${"x".repeat(9_990)}"`, []],
  ["ord_5521", []],
];

describe("search", () => {
  it.each(CASES)("%j finds %j", async (query, ids) => {
    expect(await search(query)).toEqual(ids);
  });

  it("stays inside the project it is asked in", async () => {
    expect(await search("", "p1")).toEqual(["e1", "e2", "e3", "x1", "x3"]);
    expect(await search("project:p2", "p1")).toEqual([]);
  });

  it("pages through rows of one millisecond both ways, each once, newest first", async () => {
    const tree = planQuery("");
    const expected = (await findExploreRows({ tree, range, cursor: null, limit: 100 })).rows;
    expect(expected.map((r) => r.id)).toEqual([...expected].sort(compareTimelineKeys).reverse().map((r) => r.id));
    const pages: TimelineRow[][] = [];
    let page = await findExploreRows({ tree, range, cursor: null, limit: 2 });
    for (;;) {
      pages.push(page.rows);
      if (!page.next) break;
      page = await findExploreRows({ tree, range, cursor: page.next, limit: 2 });
    }
    expect(pages.flat().map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // Back from the last page: the pages come again, in reverse.
    for (let i = pages.length - 2; i >= 0; i--) {
      const back = await findExploreRows({ tree, range, cursor: { key: timelineKeyOf(pages[i + 1]![0]!), direction: "prev" }, limit: 2 });
      expect(back.rows.map((r) => r.id)).toEqual(pages[i]!.map((r) => r.id));
    }
  });

  it("counts facets over the query and range", async () => {
    const facets = await findExploreFacets({ tree: planQuery("-kind:error"), range });
    expect(facets.type).toEqual([
      { value: "SIM_STEP", count: 2 },
      { value: "PARAMS_UPDATED", count: 1 },
      { value: "SIM_FAILED", count: 1 },
    ]);
    expect(facets.severity).toEqual([]);
    expect(facets.user).toEqual([{ value: "usr_margaret", count: 1 }]);
    expect(facets.project).toEqual([
      { value: "p1", count: 3 },
      { value: "p2", count: 1 },
    ]);
    const inProject = await findExploreFacets({ projectId: "p1", tree: planQuery(""), range });
    expect(inProject.project).toEqual([]);
    expect(inProject.severity).toEqual([
      { value: "critical", count: 1 },
      { value: "error", count: 1 },
    ]);
  });

  it("counts the histogram per bucket by kind and severity", async () => {
    const histogram = await findExploreHistogram({ tree: planQuery(""), range, bucketMs: 600_000 });
    expect(histogram.starts).toHaveLength(12);
    const at = histogram.starts.indexOf(T0.getTime());
    expect(at).toBe(6);
    expect([histogram.counts.event[at], histogram.counts.warning[at], histogram.counts.error[at], histogram.counts.critical[at]]).toEqual([4, 1, 1, 1]);
    const total = Object.values(histogram.counts).flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(7);
  });
});

describe("the export and live routes' request", () => {
  it("refuses a time range it cannot use with a 400 naming the parameter, instead of answering for the default 24 h", () => {
    for (const [query, field] of [
      ["range=bogus", "range"],
      ["from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from"],
      ["from=2026-02-29T00:00:00Z&to=2026-03-01T00:00:00Z", "from"],
      ["from=2026-12-01T00:00:00Z", "to"],
    ] as const) {
      let caught: unknown;
      try {
        parseExploreRequest(new Request(`http://localhost/api/explore/export?${query}`));
      } catch (error) {
        caught = error;
      }
      expect(caught, query).toBeInstanceOf(AppError);
      expect((caught as AppError).status, query).toBe(400);
      expect((caught as AppError).details?.[0]?.field, query).toBe(field);
    }
    expect(parseExploreRequest(new Request("http://localhost/api/explore/export?range=7d")).range.preset).toBe("7d");
  });
});
