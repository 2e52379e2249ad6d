import "server-only";
import { readPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildLogRowsSql } from "@/lib/filters/build-log-rows-sql";
import { timelineFilterTree } from "@/lib/filters/timeline-filter-tree";
import type { TimelineFilters } from "./timeline-filters";
import { timelineKeyOf, type KeyComparison, type TimelineCursor, type TimelineKey, type TimelineKind } from "./timeline-cursor";

/** One line of a run's timeline: an event or an error, in one shape. */
export interface TimelineRow {
  kind: TimelineKind;
  id: string;
  createdAt: Date;
  /** event_type or error_type */
  type: string;
  actorType: string | null;
  actorId: string | null;
  userId: string | null;
  severity: string | null;
  message: string | null;
  endpoint: string | null;
  traceId: string | null;
  stack: string | null;
  /**
   * The payload (events) or detail (errors) as PostgreSQL writes jsonb as text (one line,
   * `{"a": 1, "b": [2, 3]}`, numbers exact), null when there is none. Kept as text: the
   * page and the export print it, and parsing it would round long numbers.
   */
  dataText: string | null;
  projectId: string | null;
  runId: string | null;
}

export interface TimelinePage {
  rows: TimelineRow[];
  /** Cursor to the rows after this page in display order (older when newest-first). */
  next: TimelineCursor | null;
  /** Cursor to the rows before this page in display order. */
  prev: TimelineCursor | null;
  /**
   * When the rows just outside this page were written, where known without another read:
   * `before` the row above its first (in display order), `after` the row below its last.
   * A long pause across a page boundary is marked with them.
   */
  edges: { before: Date | null; after: Date | null };
}

export const TIMELINE_PAGE_SIZE = 100;

/**
 * A page of a run's events and errors interleaved, ordered by (created_at, id, kind),
 * newest first unless `order` is "asc". Keyset pagination: each table is read through
 * its (run_id, created_at, id) index from the cursor on, `limit + 1` rows at most, and
 * the two are merged; no OFFSET, so a page 1,000 deep costs what the first one does.
 */
export async function findRunTimeline({
  runId,
  filters,
  order = "desc",
  cursor = null,
  limit = TIMELINE_PAGE_SIZE,
}: {
  runId: string;
  filters: TimelineFilters;
  order?: "desc" | "asc";
  cursor?: TimelineCursor | null;
  limit?: number;
}): Promise<TimelinePage> {
  return readTimelinePage({ order, cursor, limit, read: ({ desc, after, take }) => queryTimeline({ runId, filters, desc, after, take }) });
}

/**
 * Keyset paging over any ordered read of timeline rows (a run's, the explorer's): reads
 * `limit + 1` rows from the cursor the right way, and says what lies beyond each end.
 */
export async function readTimelinePage({
  order,
  cursor,
  limit,
  read,
}: {
  order: "desc" | "asc";
  cursor: TimelineCursor | null;
  limit: number;
  read: (options: { desc: boolean; after: { key: TimelineKey; op: KeyComparison } | null; take: number }) => Promise<TimelineRow[]>;
}): Promise<TimelinePage> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), 1_000);
  // Reading "prev" walks the other way from the cursor, then flips back to display order.
  const readDesc = (order === "desc") !== (cursor?.direction === "prev");
  const op: KeyComparison | null = cursor ? ((readDesc ? "<" : ">") + (cursor.inclusive ? "=" : "")) as KeyComparison : null;
  const rows = await read({ desc: readDesc, after: cursor && op ? { key: cursor.key, op } : null, take: take + 1 });
  const hasMore = rows.length > take;
  const pageRows = rows.slice(0, take);
  if (cursor?.direction === "prev") pageRows.reverse();
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const forward = cursor?.direction !== "prev";
  const hasNext = forward ? hasMore : true;
  const hasPrev = forward ? cursor !== null : hasMore;
  // Outside the page: the row the cursor names (unless the page includes it) on the side
  // it came from, and the one extra row read on the far side.
  const fromCursor = cursor && !cursor.inclusive ? cursor.key.createdAt : null;
  const beyond = hasMore ? rows[take]!.createdAt : null;
  return {
    rows: pageRows,
    next: hasNext && last ? { key: timelineKeyOf(last), direction: "next" } : null,
    prev: hasPrev && first ? { key: timelineKeyOf(first), direction: "prev" } : null,
    edges: forward ? { before: fromCursor, after: beyond } : { before: beyond, after: fromCursor },
  };
}

/**
 * The raw query behind a page; also used by export and live mode. The rows come back as
 * one JSON array in one text cell: Prisma's raw-query path converts every cell of a
 * result (101 rows × 13 columns here), which cost as much as the statement itself;
 * aggregating on the server leaves it one value to pass through (see README, Query benchmark).
 */
export async function queryTimeline(options: TimelineSqlOptions): Promise<TimelineRow[]> {
  const sql = buildTimelineSql(options);
  if (!sql) return [];
  const direction = Prisma.raw(options.desc ? "DESC" : "ASC");
  const [result] = await readPrisma().$queryRaw<{ rows: string | null }[]>(Prisma.sql`
    SELECT json_agg(timeline ORDER BY created_at ${direction}, id ${direction}, kind ${direction})::text AS rows FROM (${sql}) AS timeline`);
  return parseTimelineRows(result?.rows ?? null);
}

/** Rows aggregated by the database into one JSON text cell (see queryTimeline). */
export function parseTimelineRows(json: string | null): TimelineRow[] {
  return json ? (JSON.parse(json) as RawTimelineRow[]).map(toTimelineRow) : [];
}

export interface TimelineSqlOptions {
  runId: string;
  filters: TimelineFilters;
  desc: boolean;
  after: { key: TimelineKey; op: KeyComparison } | null;
  take: number;
}

/** The SQL of one timeline read (null when the filters rule out both tables); the benchmark runs it raw. */
export function buildTimelineSql({ runId, filters, desc, after, take }: TimelineSqlOptions): Prisma.Sql | null {
  return buildLogRowsSql({ scope: { runId }, filter: timelineFilterTree(filters), desc, after, take });
}

export interface RawTimelineRow {
  kind: string;
  id: string;
  created_at: Date | string;
  type: string;
  actor_type: string | null;
  actor_id: string | null;
  user_id: string | null;
  severity: string | null;
  message: string | null;
  endpoint: string | null;
  trace_id: string | null;
  stack: string | null;
  /** payload::text or detail::text */
  data: string | null;
  project_id: string | null;
  run_id: string | null;
}

export function toTimelineRow(row: RawTimelineRow): TimelineRow {
  return {
    kind: row.kind === "error" ? "error" : "event",
    id: row.id,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    type: row.type,
    actorType: row.actor_type,
    actorId: row.actor_id,
    userId: row.user_id,
    severity: row.severity,
    message: row.message,
    endpoint: row.endpoint,
    traceId: row.trace_id,
    stack: row.stack,
    dataText: row.data,
    projectId: row.project_id,
    runId: row.run_id,
  };
}
