// One statement for a page of log rows — events and errors interleaved in the timeline's
// order (created_at, id, kind) — for any scope (a run, a project, a time range) and any
// filter tree. The run timeline, its export and live mode, and the explorer all read
// through it. Each table is read from the cursor on in its own ordered, limited subquery
// (so an index on (scope, created_at, id) serves it) and the two are merged.
import { Prisma } from "@/lib/generated/prisma/client";
import type { QueryNode } from "@/lib/query/query-terms";
import { pairComparison, type KeyComparison, type TimelineKey } from "@/lib/runs/timeline-cursor";
import { conditionSql, filterCondition } from "./filter-sql";
import type { LogKind } from "./log-enums";

/** Which rows may be read at all. Explorer reads always carry a time range, so partitions prune. */
export interface LogScope {
  runId?: string;
  projectId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface LogRowsSqlOptions {
  scope: LogScope;
  filter: QueryNode;
  desc: boolean;
  after: { key: TimelineKey; op: KeyComparison } | null;
  take: number;
}

const SELECT: Record<LogKind, Prisma.Sql> = {
  event: Prisma.sql`SELECT 'event'::text AS kind, id, created_at, event_type AS type, actor_type, actor_id, user_id,
        NULL::text AS severity, NULL::text AS message, NULL::text AS endpoint, NULL::text AS trace_id, NULL::text AS stack, payload::text AS data, project_id, run_id
      FROM event_logs`,
  error: Prisma.sql`SELECT 'error'::text AS kind, id, created_at, error_type AS type, NULL::text AS actor_type, NULL::text AS actor_id, NULL::text AS user_id,
        severity, message, endpoint, trace_id, stack, detail::text AS data, project_id, run_id
      FROM error_logs`,
};

/** The scope's and the filter's condition on one table (false: the table can hold no such row). */
export function scopedCondition(scope: LogScope, filter: QueryNode, kind: LogKind): Prisma.Sql | false {
  const condition = filterCondition(filter, kind);
  if (condition === false) return false;
  const parts: Prisma.Sql[] = [];
  if (scope.runId !== undefined) parts.push(Prisma.sql`run_id = ${scope.runId}`);
  if (scope.projectId !== undefined) parts.push(Prisma.sql`project_id = ${scope.projectId}`);
  if (scope.from) parts.push(Prisma.sql`created_at >= ${scope.from}::timestamptz`);
  if (scope.to) parts.push(Prisma.sql`created_at < ${scope.to}::timestamptz`);
  if (condition !== true) parts.push(condition);
  return parts.length ? Prisma.join(parts, " AND ") : conditionSql(true);
}

/** The statement of one read, or null when the filter rules out both tables. */
export function buildLogRowsSql({ scope, filter, desc, after, take }: LogRowsSqlOptions): Prisma.Sql | null {
  const direction = Prisma.raw(desc ? "DESC" : "ASC");
  const parts: Prisma.Sql[] = [];
  for (const kind of ["event", "error"] as const) {
    const where = scopedCondition(scope, filter, kind);
    if (where === false) continue;
    const key = after
      ? Prisma.sql`AND (created_at, id) ${Prisma.raw(pairComparison(after.op, kind, after.key))} (${after.key.createdAt}::timestamptz, ${after.key.id})`
      : Prisma.empty;
    parts.push(Prisma.sql`(${SELECT[kind]} WHERE ${where} ${key} ORDER BY created_at ${direction}, id ${direction} LIMIT ${take})`);
  }
  if (parts.length === 0) return null;
  return Prisma.sql`
    SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) AS timeline
    ORDER BY created_at ${direction}, id ${direction}, kind ${direction} LIMIT ${take}`;
}
