// `npm run db:partition`: migration 20261207100000_partitioned_logs applied online, for a
// PostgreSQL install with more rows than it wants to copy with its tables locked (the
// migration itself copies every row inside one transaction). Each old table is adopted,
// data and all, as its partitioned table's history partition:
//
//   prepare (with the previous release still serving; minutes to hours, never a lock that
//     stalls its inserts for more than a moment: each brief one waits at most 2 s, then is
//     retried):
//     - what the migration adds beside the tables (log_ids, its functions, retention_runs'
//       columns), read from the migration file itself;
//     - triggers on the old table that claim each new row's id in log_ids, then every
//       stored id backfilled in batches (once: the claim trigger's comment records it);
//     - CHECK (created_at < B) NOT VALID, then VALIDATE (which lets inserts go on), B the
//       Monday where the weekly partitions will begin (refused while rows are dated more
//       than a day ahead: B would follow them);
//     - the unique index (id, created_at), and every index the later migrations create on
//       the table (the explorer's), built CONCURRENTLY on the old table;
//     - <table>_partitioned: the new empty parent (the old table's columns, the new
//       primary key, every index it has but the ones the migration drops, the foreign
//       keys, the migration's triggers) with its weeks from B on.
//   switch (the previous release stopped; well under a second; only once prepare has
//     finished): in one transaction, the old table's primary key becomes (id, created_at)
//     on the index built for it, it loses the single-column indexes the migration drops
//     and its own triggers, is renamed <table>_history and ATTACHed to the parent, renamed
//     <table>, FOR VALUES FROM (MINVALUE) TO (B): the validated CHECK spares the scan, and
//     its indexes and foreign keys match the parent's, so none is built or checked again.
//     The migration is recorded as applied, with the checksum Prisma gives it.
//   abort: undoes prepare (the previous release's rows would fail the CHECK once B comes).
//
// Everything is idempotent: a run that stops half-way (Ctrl-C, a lost connection) is run
// again. Tested on a populated database under ingestion (online-partitioning.integration.test.ts).
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { partitionName, PARTITIONS_SQL, toPartition, weekStart, type PartitionRow } from "./partitions";
import { MIGRATIONS_DIR } from "./schema-engine";
import { sqlStatements } from "./sql-statements";

export const PARTITIONING_MIGRATION = "20261207100000_partitioned_logs";
/** The migration before it: the database must be there (the previous release's schema). */
const PREVIOUS_MIGRATION = "20261202021441_run_type_indexes";

const TABLES = [
  { table: "event_logs", kind: "event" },
  { table: "error_logs", kind: "error" },
] as const;
type Table = (typeof TABLES)[number]["table"];

/** The single-column indexes the migration drops: a composite leading with the same column serves them. */
const DROPPED_INDEXES: Record<Table, string[]> = {
  event_logs: ["event_logs_project_id_idx", "event_logs_run_id_idx"],
  error_logs: ["error_logs_trace_id_idx", "error_logs_project_id_idx", "error_logs_run_id_idx"],
};

const WEEK_MS = 7 * 24 * 3_600_000;
/** The claim trigger's comment once the backfill is done. */
const BACKFILLED = "logdeck: log_ids backfilled";
/** Rows dated further ahead than this are refused: B would follow them (and the history partition take every new row until then). */
const MAX_FUTURE_MS = 24 * 3_600_000;
const BACKFILL_BATCH = 20_000;
/** A brief DDL lock (a trigger, a constraint, the switch) waits this long, then is retried. */
const LOCK_TIMEOUT_MS = 2_000;
const LOCK_ATTEMPTS = 30;

export type Say = (line: string) => void;

export type PartitioningState =
  | { state: "partitioned" }
  | { state: "unpartitioned"; prepared: boolean }
  /** The database is not at the previous release's schema: migrate it with that release first. */
  | { state: "behind"; missing: string };

/** Where `client`'s database stands. */
export async function partitioningState(client: pg.ClientBase): Promise<PartitioningState> {
  const { rows: history } = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS migrated`);
  if (!history[0]?.migrated) return { state: "behind", missing: PREVIOUS_MIGRATION };
  const applied = new Set(
    (await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")).rows.map(
      (row) => row.migration_name,
    ),
  );
  if (applied.has(PARTITIONING_MIGRATION)) return { state: "partitioned" };
  if (!applied.has(PREVIOUS_MIGRATION)) return { state: "behind", missing: PREVIOUS_MIGRATION };
  let prepared = true;
  for (const { table } of TABLES) prepared &&= await isPrepared(client, table);
  return { state: "unpartitioned", prepared };
}

/** Everything but the switch; with the previous release still serving. Returns B, where the weekly partitions begin. */
export async function preparePartitioning(client: pg.ClientBase, say: Say): Promise<Date> {
  await client.query("SET TimeZone = 'UTC'");
  await client.query("SET statement_timeout = 0");
  const migration = migrationStatements(PARTITIONING_MIGRATION);

  say("log_ids, its functions and retention_runs' new columns …");
  for (const statement of migration) {
    if (/^CREATE TABLE "log_ids"/.test(statement)) await client.query(statement.replace(/^CREATE TABLE/, "CREATE TABLE IF NOT EXISTS"));
    else if (/^CREATE INDEX "log_ids_/.test(statement)) await client.query(statement.replace(/^CREATE INDEX/, "CREATE INDEX IF NOT EXISTS"));
    else if (/^CREATE FUNCTION/.test(statement)) await client.query(statement.replace(/^CREATE FUNCTION/, "CREATE OR REPLACE FUNCTION"));
    else if (/^ALTER TABLE "retention_runs"/.test(statement)) await withLockRetry(client, say, () => client.query(statement.replace(/ADD COLUMN/g, "ADD COLUMN IF NOT EXISTS")));
  }
  // The extensions the later migrations' indexes need (pg_trgm), before those are built below.
  for (const later of laterMigrations()) for (const statement of migrationStatements(later)) if (/^CREATE EXTENSION/.test(statement)) await client.query(statement);

  const bound = await partitionBound(client);
  for (const { table, kind } of TABLES) {
    // From here on every new row claims its id, so the backfill below misses none.
    const triggers = rowTriggers(migration, table).map((trigger) => ({ ...trigger, name: `${trigger.name}_unpartitioned`, original: trigger.name }));
    for (const trigger of triggers) {
      if (await hasTrigger(client, table, trigger.name)) continue;
      await withLockRetry(client, say, () => client.query(trigger.statement.replace(`"${trigger.original}"`, `"${trigger.name}"`)));
    }
    // Once: the claim trigger's comment records that every row before it was backfilled.
    const claim = claimTrigger(table);
    if ((await triggerComment(client, table, claim)) !== BACKFILLED) {
      await backfillLogIds(client, table, kind, say);
      await client.query(`COMMENT ON TRIGGER "${claim}" ON "${table}" IS '${BACKFILLED}'`);
    }

    const check = `${table}_history_bounds`;
    const existing = await checkBound(client, table, check);
    if (existing && existing.getTime() !== bound.getTime()) {
      await withLockRetry(client, say, () => client.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${check}"`));
    }
    if (existing?.getTime() !== bound.getTime()) {
      say(`${table}: CHECK (created_at < ${bound.toISOString()}) …`);
      await withLockRetry(client, say, () => client.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check}" CHECK (created_at < '${bound.toISOString()}'::timestamptz) NOT VALID`));
    }
    say(`${table}: validating it (inserts go on meanwhile) …`);
    await client.query(`ALTER TABLE "${table}" VALIDATE CONSTRAINT "${check}"`);

    await buildConcurrently(client, say, `${table}_id_created_at_key`, `CREATE UNIQUE INDEX CONCURRENTLY "${table}_id_created_at_key" ON "${table}" (id, created_at)`);
    // The later migrations' indexes too (the explorer's): built on a partitioned table they
    // would hold its inserts at this release's first start; the parent gets them below,
    // and those migrations' CREATE INDEX IF NOT EXISTS then finds them.
    for (const index of laterIndexes(table)) {
      await buildConcurrently(client, say, index.name, `CREATE ${index.unique ? "UNIQUE " : ""}INDEX CONCURRENTLY "${index.name}" ON "${table}" ${index.rest}`);
    }

    await withLockRetry(client, say, () => createParent(client, table, bound, migration, say));
  }
  return bound;
}

/** Whether --prepare finished for `table`: every step's result is there. */
async function isPrepared(client: pg.ClientBase, table: Table): Promise<boolean> {
  if ((await parentWeeks(client, table)) === null) return false;
  const { rows } = await client.query<{ validated: boolean }>(`SELECT convalidated AS validated FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`, [table, `${table}_history_bounds`]);
  if (!rows[0]?.validated) return false;
  if ((await triggerComment(client, table, claimTrigger(table))) !== BACKFILLED) return false;
  for (const index of builtIndexes(table)) if (!(await validIndex(client, index))) return false;
  return true;
}

/** The name --prepare gives the old table's claim trigger (the migration's BEFORE INSERT one). */
function claimTrigger(table: Table): string {
  const claim = rowTriggers(migrationStatements(PARTITIONING_MIGRATION), table).find((trigger) => /BEFORE INSERT/.test(trigger.statement))!;
  return `${claim.name}_unpartitioned`;
}

/** The indexes --prepare builds concurrently on the old table: the new key's, and the later migrations'. */
function builtIndexes(table: Table): string[] {
  return [`${table}_id_created_at_key`, ...laterIndexes(table).map((later) => later.name)];
}

/** The later migrations' CREATE [UNIQUE] INDEX IF NOT EXISTS on `table`: name, and the rest of the statement after the table. */
function laterIndexes(table: Table): { name: string; unique: boolean; rest: string }[] {
  return laterMigrations().flatMap((later) =>
    migrationStatements(later).flatMap((statement) => {
      const index = new RegExp(`^CREATE (UNIQUE )?INDEX IF NOT EXISTS "([a-z_]+)" ON "${table}"\\s*(.*)$`, "s").exec(statement);
      return index ? [{ name: index[2]!, unique: Boolean(index[1]), rest: index[3]! }] : [];
    }),
  );
}

/**
 * Undoes --prepare, with the previous release still serving: its triggers, the CHECK (which
 * would refuse its rows once B comes), the indexes built for this release, the empty
 * partitioned tables, log_ids and the new columns — so that this release's own migration
 * can run later as on a database never prepared.
 */
export async function abortPartitioning(client: pg.ClientBase, say: Say): Promise<void> {
  await client.query("SET statement_timeout = 0");
  for (const { table } of TABLES) {
    for (const trigger of await ownTriggers(client, table)) {
      if (trigger.endsWith("_unpartitioned")) await withLockRetry(client, say, () => client.query(`DROP TRIGGER "${trigger}" ON "${table}"`));
    }
    await withLockRetry(client, say, () => client.query(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${table}_history_bounds"`));
    for (const index of builtIndexes(table)) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${index}"`);
    if ((await parentWeeks(client, table)) !== null) await withLockRetry(client, say, () => dropEmptyParent(client, table));
  }
  await client.query(`DROP TABLE IF EXISTS "log_ids"`);
  await client.query(`DROP FUNCTION IF EXISTS "logdeck_claim_log_id"(), "logdeck_release_log_id"(), "logdeck_release_log_ids"()`);
  await withLockRetry(client, say, () => client.query(`ALTER TABLE "retention_runs" DROP COLUMN IF EXISTS "partitions_dropped", DROP COLUMN IF EXISTS "rows_trimmed"`));
  say("aborted: the tables are as the previous release made them.");
}

/** The switch: the old tables become their partitioned tables' history partitions, and the migration is recorded. Run with the previous release stopped. */
export async function switchToPartitioned(client: pg.ClientBase, say: Say): Promise<void> {
  await client.query("SET TimeZone = 'UTC'");
  const checksum = createHash("sha256").update(readFileSync(migrationFile(PARTITIONING_MIGRATION))).digest("hex");
  await withLockRetry(client, say, async () => {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
      await client.query(`LOCK TABLE ${TABLES.map(({ table }) => `"${table}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`);
      for (const { table } of TABLES) {
        const bound = await checkBound(client, table, `${table}_history_bounds`);
        if (!bound) throw new Error(`${table} is not prepared: run npm run db:partition -- --prepare first`);
        if (bound.getTime() - Date.now() < MAX_FUTURE_MS) {
          throw new Error(`${table}'s history partition would end at ${bound.toISOString()}, less than a day away: run npm run db:partition -- --prepare again (it moves it a week on), then --switch`);
        }
        for (const trigger of await ownTriggers(client, table)) await client.query(`DROP TRIGGER "${trigger}" ON "${table}"`);
        // The new key: ATTACH adopts a child index for the parent's primary key only when a
        // constraint of the child's own stands on it.
        await client.query(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${table}_pkey"`);
        await client.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_history_pkey" PRIMARY KEY USING INDEX "${table}_id_created_at_key"`);
        for (const index of DROPPED_INDEXES[table]) await client.query(`DROP INDEX IF EXISTS "${index}"`);
        for (const index of await indexNames(client, table)) {
          if (!index.startsWith(`${table}_history_`)) await client.query(`ALTER INDEX "${index}" RENAME TO "${index.replace(`${table}_`, `${table}_history_`)}"`);
        }
        await client.query(`ALTER TABLE "${table}" RENAME TO "${table}_history"`);
        await client.query(`ALTER TABLE "${table}_partitioned" RENAME TO "${table}"`);
        await client.query(`ALTER TABLE "${table}" RENAME CONSTRAINT "${table}_partitioned_pkey" TO "${table}_pkey"`);
        for (const index of await indexNames(client, table)) {
          if (index.startsWith(`${table}_partitioned_`)) await client.query(`ALTER INDEX "${index}" RENAME TO "${index.replace(`${table}_partitioned_`, `${table}_`)}"`);
        }
        for (const constraint of await foreignKeys(client, table)) {
          await client.query(`ALTER TABLE "${table}" RENAME CONSTRAINT "${constraint.name}" TO "${constraint.name.replace(`${table}_partitioned_`, `${table}_`)}"`);
        }
        await client.query(`ALTER TABLE "${table}" ATTACH PARTITION "${table}_history" FOR VALUES FROM (MINVALUE) TO ('${bound.toISOString()}')`);
      }
      // An earlier attempt of the migration itself (started and killed) left a row that
      // would stop the next deploy (P3009): it changed nothing, so it is rolled back.
      await client.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`, [
        PARTITIONING_MIGRATION,
      ]);
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), checksum, PARTITIONING_MIGRATION],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  });
  say(`switched: event_logs and error_logs are partitioned; ${PARTITIONING_MIGRATION} is recorded as applied.`);
}

/** The migrations after the partitioning one, in order. */
function laterMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => name > PARTITIONING_MIGRATION && /^\d{14}_/.test(name))
    .sort();
}

async function triggerComment(client: pg.ClientBase, table: string, name: string): Promise<string | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT obj_description(oid, 'pg_trigger') AS comment FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`,
    [table, name],
  );
  return rows[0]?.comment ?? null;
}

function migrationFile(name: string): string {
  return path.join(MIGRATIONS_DIR, name, "migration.sql");
}

function migrationStatements(name: string): string[] {
  return sqlStatements(readFileSync(migrationFile(name), "utf8"));
}

/** The migration's row triggers on `table` (claim on insert, release on delete), with their names. */
function rowTriggers(migration: string[], table: Table): { name: string; statement: string }[] {
  return migration.flatMap((statement) => {
    const match = new RegExp(`^CREATE TRIGGER "([a-z_]+)" .* ON "${table}" FOR EACH (ROW|STATEMENT)`, "s").exec(statement);
    return match && match[2] === "ROW" ? [{ name: match[1]!, statement }] : [];
  });
}

/** Monday where the weekly partitions begin: at least a week ahead, and past every stored row. */
async function partitionBound(client: pg.ClientBase): Promise<Date> {
  for (const { table } of TABLES) {
    const existing = await checkBound(client, table, `${table}_history_bounds`);
    // Kept from an earlier run unless it is less than a day away: then the switch could not
    // come before rows pass it (the old table's CHECK would refuse them).
    if (existing && existing.getTime() - Date.now() > 24 * 3_600_000) return existing;
  }
  const bound = new Date(weekStart(new Date()).getTime() + 2 * WEEK_MS);
  const limit = new Date(Date.now() + MAX_FUTURE_MS);
  for (const { table } of TABLES) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE created_at > $1`, [limit.toISOString()]);
    const ahead = Number(rows[0]?.n ?? 0);
    if (ahead > 0) {
      throw new Error(
        `${table} has ${ahead} row(s) dated after ${limit.toISOString()} (SELECT id, created_at FROM ${table} WHERE created_at > '${limit.toISOString()}'): the weekly partitions would begin after them and every new row would go to the history partition until then. Correct or delete them, then run this again.`,
      );
    }
  }
  return bound;
}

async function checkBound(client: pg.ClientBase, table: string, name: string): Promise<Date | null> {
  const { rows } = await client.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2 AND contype = 'c'`,
    [table, name],
  );
  const at = rows[0] && /'([^']+)'/.exec(rows[0].def)?.[1];
  return at ? new Date(at.replace(" ", "T").replace(/\+00$/, "Z")) : null;
}

async function backfillLogIds(client: pg.ClientBase, table: Table, kind: string, say: Say): Promise<void> {
  say(`${table}: every stored id into log_ids …`);
  let after: { createdAt: Date; id: string } | null = null;
  let total = 0;
  for (;;) {
    // The table's row is the truth: a claim made for a retried id before the backfill
    // reached it takes the stored row's time and project.
    const result: pg.QueryResult<{ created_at: Date; id: string; n: string }> = await client.query(
      `WITH batch AS (
         SELECT id, project_id, created_at FROM "${table}"
         WHERE $1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::text)
         ORDER BY created_at, id LIMIT ${BACKFILL_BATCH}
       ), claimed AS (
         INSERT INTO log_ids (id, kind, project_id, created_at)
         SELECT id, '${kind}', project_id, created_at FROM batch
         ON CONFLICT (id, kind) DO UPDATE SET project_id = EXCLUDED.project_id, created_at = EXCLUDED.created_at
         WHERE (log_ids.project_id, log_ids.created_at) IS DISTINCT FROM (EXCLUDED.project_id, EXCLUDED.created_at)
       )
       SELECT created_at, id, (SELECT count(*) FROM batch) AS n FROM batch ORDER BY created_at DESC, id DESC LIMIT 1`,
      [after?.createdAt ?? null, after?.id ?? null],
    );
    const last = result.rows[0];
    if (!last) break;
    total += Number(last.n);
    after = { createdAt: last.created_at, id: last.id };
    if (Number(last.n) < BACKFILL_BATCH) break;
    if (total % (BACKFILL_BATCH * 50) === 0) say(`  … ${total.toLocaleString("en")} ids`);
  }
  say(`  ${total.toLocaleString("en")} ids`);
}

async function validIndex(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  return rows[0]?.valid === true;
}

/** Builds an index CONCURRENTLY; one an interrupted build left invalid is dropped and built again. */
async function buildConcurrently(client: pg.ClientBase, say: Say, name: string, statement: string): Promise<void> {
  if (await validIndex(client, name)) return;
  await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
  say(`building ${name} (concurrently: inserts go on) …`);
  await client.query(statement);
}

async function hasTrigger(client: pg.ClientBase, table: string, name: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`, [table, name]);
  return rows.length > 0;
}

async function ownTriggers(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [table]);
  return rows.map((row) => row.name);
}

async function indexNames(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [table]);
  return rows.map((row) => row.name);
}

async function foreignKeys(client: pg.ClientBase, table: string): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  return rows;
}

/** The weeks <table>_partitioned has (their first Mondays), or null when it does not exist. */
async function parentWeeks(client: pg.ClientBase, table: string): Promise<Date[] | null> {
  const { rows: exists } = await client.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace AND relkind = 'p'`, [`${table}_partitioned`]);
  if (!exists.length) return null;
  const { rows } = await client.query<PartitionRow>(PARTITIONS_SQL, [`${table}_partitioned`, `${table}_`]);
  return rows.map(toPartition).map((partition) => partition.from!);
}

/** Drops <table>_partitioned, refusing one that holds rows (then it is not one db:partition made). */
async function dropEmptyParent(client: pg.ClientBase, table: Table): Promise<void> {
  const parent = `${table}_partitioned`;
  const { rows } = await client.query(`SELECT 1 FROM "${parent}" LIMIT 1`);
  if (rows.length) throw new Error(`${parent} holds rows: it is not one npm run db:partition made; rename or drop it`);
  await client.query(`DROP TABLE "${parent}"`);
}

/** <table>_partitioned, empty, shaped as the migration leaves <table>, with its weeks from `bound` on. */
async function createParent(client: pg.ClientBase, table: Table, bound: Date, migration: string[], say: Say): Promise<void> {
  const parent = `${table}_partitioned`;
  const weeks = await parentWeeks(client, table);
  if (weeks && weeks[0]?.getTime() === bound.getTime()) return;
  // Made for another bound by an earlier run; nothing has used it.
  if (weeks) await dropEmptyParent(client, table);
  say(`${table}: its partitioned table, weeks from ${bound.toISOString().slice(0, 10)} …`);
  await client.query("BEGIN");
  try {
    await client.query(`CREATE TABLE "${parent}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING GENERATED) PARTITION BY RANGE (created_at)`);
    await client.query(`ALTER TABLE "${parent}" ADD CONSTRAINT "${parent}_pkey" PRIMARY KEY (id, created_at)`);
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = $1
         AND i.indexname NOT IN ('${table}_pkey', '${table}_id_created_at_key', ${DROPPED_INDEXES[table].map((name) => `'${name}'`).join(", ")})`,
      [table],
    );
    for (const index of indexes) {
      // "CREATE [UNIQUE] INDEX <name> ON [ONLY] public.<table> USING …": the same, on the parent.
      const def = index.def.replace(new RegExp(`^(CREATE (?:UNIQUE )?INDEX )${index.name} ON (?:ONLY )?(\\S+\\.)?${table} `), (_, create: string, schema = "") => `${create}"${index.name.replace(`${table}_`, `${parent}_`)}" ON ${schema}${parent} `);
      if (def === index.def) throw new Error(`cannot read the definition of index ${index.name}: ${index.def}`);
      await client.query(def);
    }
    for (const constraint of await foreignKeys(client, table)) {
      await client.query(`ALTER TABLE "${parent}" ADD CONSTRAINT "${constraint.name.replace(`${table}_`, `${parent}_`)}" ${constraint.def}`);
    }
    for (const statement of migration) {
      const trigger = new RegExp(`^CREATE TRIGGER "[a-z_]+" .* ON "${table}" `, "s").exec(statement);
      if (trigger) await client.query(statement.replace(` ON "${table}" `, ` ON "${parent}" `));
    }
    for (let week = 0; week < 2; week++) {
      const from = new Date(bound.getTime() + week * WEEK_MS);
      await client.query(`CREATE TABLE "${partitionName(table, from)}" PARTITION OF "${parent}" FOR VALUES FROM ('${from.toISOString()}') TO ('${new Date(from.getTime() + WEEK_MS).toISOString()}')`);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Runs `fn`, retried when it gave up waiting for a lock (SQLSTATE 55P03) — an open read on the table, most often. */
async function withLockRetry<T>(client: pg.ClientBase, say: Say, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await client.query(`SET lock_timeout = ${LOCK_TIMEOUT_MS}`);
    try {
      return await fn();
    } catch (error) {
      if ((error as { code?: string }).code !== "55P03" || attempt >= LOCK_ATTEMPTS) throw error;
      say(`  waiting for a lock (attempt ${attempt} of ${LOCK_ATTEMPTS}) …`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * attempt)));
    } finally {
      await client.query("SET lock_timeout = 0").catch(() => {});
    }
  }
}
