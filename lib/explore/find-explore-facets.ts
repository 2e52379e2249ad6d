import "server-only";
import { scopedCondition } from "@/lib/filters/build-log-rows-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExploreReadOptions } from "./find-explore-rows";
import { runSearchStatement } from "./run-search-statement";

export const FACET_FIELDS = ["type", "severity", "actor", "user", "run", "project"] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Values shown per facet. */
export const FACET_SIZE = 8;

export type Facets = Record<FacetField, { value: string; count: number }[]>;

// Each facet's column in each table (absent: the table has no such field).
const COLUMNS: Record<FacetField, { event?: string; error?: string }> = {
  type: { event: "event_type", error: "error_type" },
  severity: { error: "severity" },
  actor: { event: "actor_id" },
  user: { event: "user_id" },
  run: { event: "run_id", error: "run_id" },
  project: { event: "project_id", error: "project_id" },
};

/**
 * The most frequent values of each facet among the rows matching a search, in one
 * statement: each table is read once (a CTE per table) and grouped per facet.
 * `project` is left out inside a project (every row has the same).
 */
export async function findExploreFacets({ projectId, tree, range }: ExploreReadOptions): Promise<Facets> {
  const scope = { projectId, from: range.from, to: range.to };
  const fields = FACET_FIELDS.filter((f) => !(f === "project" && projectId));
  const result = Object.fromEntries(FACET_FIELDS.map((f) => [f, [] as Facets[FacetField]])) as unknown as Facets;
  const where = { event: scopedCondition(scope, tree, "event"), error: scopedCondition(scope, tree, "error") };
  const ctes: Prisma.Sql[] = [];
  for (const kind of ["event", "error"] as const) {
    const condition = where[kind];
    if (condition === false) continue;
    const columns = [...new Set(fields.map((f) => COLUMNS[f][kind]).filter((c): c is string => !!c))];
    ctes.push(Prisma.sql`${Prisma.raw(kind === "event" ? "ev" : "er")} AS MATERIALIZED (SELECT ${Prisma.raw(columns.join(", "))} FROM ${Prisma.raw(kind === "event" ? "event_logs" : "error_logs")} WHERE ${condition})`);
  }
  if (ctes.length === 0) return result;
  const selects: Prisma.Sql[] = [];
  for (const field of fields) {
    const sources: string[] = [];
    if (where.event !== false && COLUMNS[field].event) sources.push(`SELECT ${COLUMNS[field].event} AS value FROM ev`);
    if (where.error !== false && COLUMNS[field].error) sources.push(`SELECT ${COLUMNS[field].error} AS value FROM er`);
    if (!sources.length) continue;
    selects.push(
      Prisma.sql`(SELECT ${field}::text AS facet, value, count(*)::int AS n FROM (${Prisma.raw(sources.join(" UNION ALL "))}) AS v WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value LIMIT ${FACET_SIZE})`,
    );
  }
  const rows = await runSearchStatement<{ facet: FacetField; value: string; n: number }>(Prisma.sql`WITH ${Prisma.join(ctes, ", ")} ${Prisma.join(selects, " UNION ALL ")}`);
  for (const row of rows) result[row.facet].push({ value: row.value, count: row.n });
  for (const field of fields) result[field].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return result;
}
