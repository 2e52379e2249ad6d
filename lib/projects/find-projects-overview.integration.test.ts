// The home page's project list: its cost does not grow with the number of projects (one
// key once made 100,000, and the page read every one). Read from the plan the database
// runs — rows actually read from `projects` — not from a clock.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { truncateAll } from "@/test/truncate";
import { findProjectsOverview, PROJECT_COUNT_CAP, projectsOverviewQuery } from "./find-projects-overview";

// Near the real time: the log tables are partitioned by week, and only the weeks around
// now exist (a fixed date years ahead had no partition on PostgreSQL).
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const PROJECTS = 5_000;
const TRACE = "11111111-1111-4111-8111-111111111111";

beforeAll(async () => {
  await truncateAll();
  await prisma().project.createMany({ data: Array.from({ length: PROJECTS }, (_, i) => ({ id: `p${String(i).padStart(5, "0")}`, name: `project ${String(i).padStart(5, "0")}` })) });
  // Busy projects late in name order, one with errors only in the previous 24 h.
  const errors = [
    ...Array.from({ length: 5 }, () => ({ projectId: "p04999", at: 3_600_000 })),
    ...Array.from({ length: 2 }, () => ({ projectId: "p04000", at: 3_600_000 })),
    { projectId: "p03000", at: 30 * 3_600_000 },
  ];
  await prisma().errorLog.createMany({ data: errors.map((e, i) => ({ id: `e${i}`, traceId: TRACE, errorType: "E", message: "m", projectId: e.projectId, createdAt: new Date(NOW.getTime() - e.at) })) });
  await prisma().$executeRawUnsafe("ANALYZE projects");
});

type PlanNode = { "Relation Name"?: string; "Actual Rows"?: number; "Actual Loops"?: number; Plans?: PlanNode[] };

function rowsReadFrom(node: PlanNode, relation: string): number {
  const own = node["Relation Name"] === relation ? (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsReadFrom(child, relation), 0);
}

describe("findProjectsOverview", () => {
  it("shows the busiest first, then quiet projects by name, and counts projects up to a cap", async () => {
    const { projects, total, totalCapped } = await findProjectsOverview({ now: NOW, limit: 5 });
    expect(projects.map((p) => [p.id, p.errorsLast24h, p.errorsPrevious24h])).toEqual([
      ["p04999", 5, 0],
      ["p04000", 2, 0],
      ["p03000", 0, 1],
      ["p00000", 0, 0],
      ["p00001", 0, 0],
    ]);
    expect({ total, totalCapped }).toEqual({ total: PROJECT_COUNT_CAP, totalCapped: true });
  });

  it("reads a bounded number of projects, however many there are", async () => {
    const limit = 100;
    const explained = await prisma().$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${projectsOverviewQuery({ now: NOW, limit })}`);
    const raw = explained[0]!["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const read = rowsReadFrom(plan[0]!.Plan, "projects");
    // The capped count (cap + 1), two pages of quiet projects by name, the busy ones looked up.
    expect(read).toBeLessThanOrEqual(PROJECT_COUNT_CAP + 1 + 2 * limit + 3);
    expect(read).toBeLessThan(PROJECTS);
  });
});
