import "server-only";
import { retryOnDeadlock } from "@/lib/db/retry-on-deadlock";
import { database, STATEMENT_TIMEOUT_MS } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ensurePartitions, keepPartitionsAhead, listPartitions, LOG_ID_TABLES, type PartitionedTable } from "@/lib/db/partitions";
import { AppError } from "@/lib/http/app-error";
import type { StoreResult } from "./ingest-items";

/** What every stored item has, whatever its table. */
export interface ItemRow {
  id: string;
  projectId?: string;
  runId?: string;
  createdAt: Date;
}

export interface ItemColumn<Row> {
  /** The table's column; only the columns ingestion sets, so columns added later keep their defaults. */
  name: string;
  /**
   * Its PostgreSQL type. A `jsonb` column's value is JSON text already (serialized and
   * checked by the schema) and goes into the statement's JSON as it is; any other
   * value is a string (or null) and is JSON-encoded.
   */
  type: "text" | "jsonb" | "timestamptz";
  value: (row: Row) => string | null | undefined;
}

export interface InsertItemsResult {
  /** Runs the items name that belong to another project than the key's: nothing was stored. */
  foreignRunIds: string[];
  /** Ids of items already stored for another project than the key's: nothing was stored. */
  foreignItemIds: string[];
  /** Ids a bound key sent that are its project's items of the other kind (an error's id as an event's): nothing was stored. */
  otherKindItemIds: string[];
}

export type InsertItems<Row extends ItemRow> = (rows: readonly Row[], options: { boundProjectId: string | null }) => Promise<InsertItemsResult>;

/** A validated item, before the id and time it may lack are filled in. */
type ItemInput = Omit<ItemRow, "id" | "createdAt"> & { id?: string; createdAt?: Date };

/**
 * An endpoint's store: fills in the ids and times items lack (a new id; the time the
 * request arrived), inserts them with createItemInserter, and gives the ids in request order.
 */
export function createItemStore<Item extends ItemInput>(table: PartitionedTable, columns: readonly ItemColumn<Item & ItemRow>[]) {
  const insert = createItemInserter<Item & ItemRow>(table, columns);
  return async (items: Item[], { receivedAt, boundProjectId }: { receivedAt: Date; boundProjectId: string | null }): Promise<StoreResult> => {
    // The items are this request's own parsed objects: filled in place, not copied.
    for (const item of items) {
      item.id ??= newId();
      item.createdAt ??= receivedAt;
    }
    const rows = items as readonly (Item & ItemRow)[];
    const { foreignRunIds, foreignItemIds, otherKindItemIds } = await insert(rows, { boundProjectId });
    return { ids: rows.map((row) => row.id), foreignRunIds, foreignItemIds, otherKindItemIds };
  };
}

/**
 * The insert of one request, as ONE statement (data-modifying CTEs): one round trip, no
 * BEGIN/COMMIT, and atomic because a statement is — the projects, the runs and the items
 * are all stored or none is.
 *
 * - Unknown projects and runs are created (ON CONFLICT DO NOTHING, so concurrent requests
 *   naming the same new project both succeed; the foreign keys are checked at the end of
 *   the statement, when those rows exist). A new project is named after its id; a run
 *   starts at its earliest item (an item older than its start, arriving late, moves it
 *   back); a run first seen without a project gets one as soon as an item names both.
 * - An item naming a run but no project gets the run's project (from the batch, else the
 *   stored run), so an ErrorService configured without projectId still shows up in its
 *   project's error views.
 * - An id already stored is skipped, not overwritten, whatever its created_at (the
 *   primary key is (id, created_at), so it alone would not catch a retry without
 *   createdAt): the statement skips ids log_ids holds in any 28-day span, and the table's
 *   trigger claims each id in its row's span and skips the row when it is claimed there
 *   already, so that two concurrent retries of one item cannot both store it. A retried
 *   request stores nothing twice, and an id twice in one batch is stored once. (Two
 *   requests carrying one id at the same moment with times in different spans, each
 *   unable to see the other's uncommitted claim, could both store it: a retry's time is
 *   its first attempt's, or now for both.)
 * - A key bound to a project may not write into a run of another project, nor send an
 *   id already stored for another project — nor an id that is already an item of the
 *   other kind (an event's id sent as an error's), so that an id a bound key stores
 *   leads to its own rows only (issue #11.10). Such an id would be acknowledged and
 *   skipped, so one project could silently pre-empt another's ids: the statement then
 *   stores nothing and returns those runs and ids (the handler answers 403). Both checks
 *   read log_ids (one index probe per id, not one per partition). With a key bound to no
 *   project, an id already stored is skipped whoever stored it, as the contract says.
 * - An item whose week has no partition: when its time is ahead of the newest partition,
 *   the missing weeks are created and the statement runs again; when it is older than
 *   the oldest, the request is refused (400): such data is past the retention period.
 *   Two bound keys naming the same NEW run at once would each see it free in their own
 *   snapshot: a bound key's batch therefore first takes a transaction-level advisory lock
 *   per run it names (sorted, so two batches cannot deadlock), and its statement, started
 *   after the other's commit, sees the run's owner.
 * - Rows go in id order within each table, and every request runs the same statement, so
 *   concurrent batches take their row locks alike and cannot deadlock on each other.
 *
 * Items are bound as ONE JSON array of row objects, read by json_to_recordset: ~7× faster
 * than createMany, and cheaper than one array per column (unnest) — the driver encodes
 * arrays in JavaScript, escaping every quote of every payload a second time, where the
 * rows' JSON is built with the engine's native JSON.stringify and the payloads, JSON
 * already, go in as they are.
 */
export function createItemInserter<Row extends ItemRow>(table: PartitionedTable, columns: readonly ItemColumn<Row>[]): InsertItems<Row> {
  const kind = table === "event_logs" ? "event" : "error";
  const recordType = columns.map((column) => `${column.name} ${column.type}`).join(", ");
  // An item without a project takes its run's, when the run is stored with one (runs the
  // batch names with a project were filled in before the statement).
  const selectList = columns
    .map((column) =>
      column.name === "project_id" ? "COALESCE(t.project_id, (SELECT runs.project_id FROM runs WHERE runs.id = t.run_id)) AS project_id" : `t.${column.name}`,
    )
    .join(", ");
  const encodeRows = rowsJsonEncoder(columns);
  const text = `
    WITH foreign_runs AS (
      SELECT id FROM runs
      WHERE $1::text IS NOT NULL AND id = ANY($3::text[]) AND project_id <> $1::text
    ), foreign_items AS (
      SELECT DISTINCT id FROM log_ids
      WHERE $1::text IS NOT NULL AND id = ANY($7::text[]) AND project_id IS DISTINCT FROM $1::text
    ), other_kind_items AS (
      SELECT DISTINCT id FROM log_ids
      WHERE $1::text IS NOT NULL AND id = ANY($7::text[]) AND project_id = $1::text AND kind <> '${kind}'
        AND id NOT IN (SELECT id FROM foreign_items)
    ), refused AS (
      SELECT 'run' AS kind, id FROM foreign_runs UNION ALL SELECT 'item', id FROM foreign_items
      UNION ALL SELECT 'other_kind', id FROM other_kind_items
    ), new_projects AS (
      INSERT INTO projects (id, name)
      SELECT id, id FROM unnest($2::text[]) AS t(id)
      WHERE NOT EXISTS (SELECT 1 FROM refused)
      ON CONFLICT (id) DO NOTHING
    ), new_runs AS (
      INSERT INTO runs (id, project_id, started_at)
      SELECT id, project_id, started_at FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS t(id, project_id, started_at)
      WHERE NOT EXISTS (SELECT 1 FROM refused)
      ON CONFLICT (id) DO UPDATE SET project_id = COALESCE(runs.project_id, EXCLUDED.project_id), started_at = LEAST(runs.started_at, EXCLUDED.started_at)
      WHERE (runs.project_id IS NULL AND EXCLUDED.project_id IS NOT NULL) OR EXCLUDED.started_at < runs.started_at
    ), new_items AS (
      INSERT INTO ${table} (${columns.map((column) => column.name).join(", ")})
      SELECT ${selectList} FROM json_to_recordset($6::json) AS t(${recordType})
      WHERE NOT EXISTS (SELECT 1 FROM refused)
        -- Claimed in any span; the trigger checks the row's own span race-free.
        AND NOT EXISTS (SELECT 1 FROM log_ids WHERE log_ids.kind = '${kind}' AND log_ids.id = t.id)
      ON CONFLICT DO NOTHING
    )
    SELECT kind, id FROM refused`;
  // A prepared statement per connection: parsed and planned once, not per request.
  const name = `logdeck_insert_${table}`;

  return async (items, { boundProjectId }) => {
    // An id twice in one batch: the first is stored (the statement's claims cannot see
    // each other when the two times fall in different spans).
    const seen = new Set<string>();
    const rows = items.filter((row) => !seen.has(row.id) && Boolean(seen.add(row.id)));
    const projectIds = new Set<string>();
    const runs = new Map<string, { projectId: string | null; startedAt: Date }>();
    for (const row of rows) {
      if (row.projectId) projectIds.add(row.projectId);
      if (!row.runId) continue;
      const run = runs.get(row.runId);
      if (!run) runs.set(row.runId, { projectId: row.projectId ?? null, startedAt: row.createdAt });
      else {
        run.projectId ??= row.projectId ?? null;
        if (row.createdAt < run.startedAt) run.startedAt = row.createdAt;
      }
    }
    for (const row of rows) {
      if (!row.projectId && row.runId) {
        const projectId = runs.get(row.runId)!.projectId;
        if (projectId) row.projectId = projectId;
      }
    }
    const runIds = [...runs.keys()].sort();
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const params = [
      boundProjectId,
      [...projectIds].sort(),
      runIds,
      runIds.map((id) => runs.get(id)!.projectId),
      runIds.map((id) => runs.get(id)!.startedAt.toISOString()),
      encodeRows(sorted),
      // Only a bound key's ids are looked up (unbound: the CTE reads nothing).
      boundProjectId === null ? null : sorted.map((row) => row.id),
    ];
    type Refused = { kind: "run" | "item" | "other_kind"; id: string };
    // Retried when chosen as a deadlock's victim (lib/db/retry-on-deadlock.ts): atomic, and ids are claimed once.
    const run = () => retryOnDeadlock(async () =>
      boundProjectId !== null && runIds.length
        ? await database().transaction(
            async (sql) => {
              await sql(
                `SELECT pg_advisory_xact_lock(key) FROM (
                   SELECT DISTINCT hashtextextended('logdeck:run:' || id, 0) AS key FROM unnest($1::text[]) AS t(id) ORDER BY key
                 ) AS keys`,
                [runIds],
              );
              return (await sql<Refused>(text, params)).rows;
            },
            { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
          )
        : await database().statement<Refused>(text, params, { name }));
    keepPartitionsAhead();
    let result: Refused[];
    try {
      result = await run();
    } catch (error) {
      if (!isNoPartitionError(error)) throw error;
      await refuseOrMakePartitions(table, items);
      result = await run();
    }
    return {
      foreignRunIds: result.filter((row) => row.kind === "run").map((row) => row.id),
      foreignItemIds: result.filter((row) => row.kind === "item").map((row) => row.id),
      otherKindItemIds: result.filter((row) => row.kind === "other_kind").map((row) => row.id),
    };
  };
}

/** PostgreSQL's refusal of a row whose created_at no partition holds (SQLSTATE 23514). */
function isNoPartitionError(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "23514" && typeof message === "string" && message.includes("no partition of relation");
}

/**
 * After a "no partition" refusal: a 400 naming the items older than the oldest
 * partition (retention has dropped their week); otherwise the weeks up to the newest
 * item are created (createdAt is at most INGEST_MAX_FUTURE_SECONDS ahead, so a bounded
 * number) for the caller to try again.
 */
async function refuseOrMakePartitions(table: PartitionedTable, rows: readonly ItemRow[]): Promise<void> {
  // The later of the oldest partitions kept of the table and of its ids (log_ids' span
  // partitions end later than the weeks they hold, but its history ends earlier).
  const starts = await Promise.all([table, LOG_ID_TABLES[table]].map(async (name) => (await listPartitions(name))[0]?.from ?? null));
  const oldest = starts.reduce<Date | null>((max, from) => (from && (!max || from > max) ? from : max), null);
  if (oldest) {
    const tooOld = rows.flatMap((row, index) => (row.createdAt < oldest ? [index] : []));
    if (tooOld.length) {
      const since = oldest.toISOString();
      throw new AppError("validation_failed", `createdAt is older than the oldest data kept (${since}): past the retention period, it would not be kept`, {
        details: tooOld.slice(0, 100).map((index) => ({ index, field: "createdAt", message: `is before ${since}, the start of the oldest partition kept by retention` })),
      });
    }
  }
  const newest = rows.reduce((max, row) => (row.createdAt > max ? row.createdAt : max), rows[0]!.createdAt);
  await ensurePartitions({ until: newest });
}

/** `[{"id":"…","payload":{…},…}, …]`: the rows as json_to_recordset reads them. */
function rowsJsonEncoder<Row>(columns: readonly ItemColumn<Row>[]): (rows: readonly Row[]) => string {
  const keys = columns.map((column, i) => `${i ? "," : "{"}${JSON.stringify(column.name)}:`);
  return (rows) => {
    const parts = new Array<string>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      let json = "";
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const value = column.value(row);
        json += keys[c]! + (value == null ? "null" : column.type === "jsonb" ? value : JSON.stringify(value));
      }
      parts[r] = `${json}}`;
    }
    return `[${parts.join(",")}]`;
  };
}
