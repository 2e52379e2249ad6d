// npm run bench:retention — the retention job on PostgreSQL at scale, with ingestion going on:
//   1. a fresh database on the local server (BENCH_ADMIN_URL, default
//      postgresql://postgres@127.0.0.1:5432/postgres), copied from a seeded template
//      (logdeck_bench_retention_tpl_<events>_<migrations>, kept between runs, rebuilt when
//      older than 12 hours, when the migrations change, or with --fresh-template);
//   2. the template: --events (10,000,000) events loaded with COPY in time order, half of
//      them older than the 30-day policy (31–60 days), half younger (0–29 days), then
//      VACUUM ANALYZE;
//   3. an ingestion-like load: --writers connections, each inserting 500-event batches in
//      a transaction with a statement like the ingestion API's (INSERT … SELECT FROM unnest
//      … WHERE the id is not in log_ids … ON CONFLICT DO NOTHING) straight over `pg` — raw
//      SQL, not HTTP, so the figure is the database's, not the web server's;
//   4. that load alone for --baseline-seconds: the "before" rate;
//   5. the retention job (the production code, runRetention) while the load goes on: the
//      "during" rate, the longest stall (the longest wait for any batch to commit, and
//      the longest time with no batch committing), rows/s deleted;
//   6. a check that nothing younger than the cutoff was deleted.
// Partitioned tables (docs/partitioning.md): steps 1–6 run once per --layout, in the same
// run, on the same data and load, and the two are compared at the end:
//   - "weekly": weekly partitions over the 60 days, as a database partitioned from the
//     start has them: retention drops the weeks older than the cutoff and trims the one
//     holding it;
//   - "daily": the same with a partition a day (PARTITION_DAYS=1), so the trim is at most
//     a day's rows;
//   - "history": every row in one partition (as in a database whose rows predate the
//     partitioning): retention deletes every expired row in batches, as on the old
//     unpartitioned tables.
// It reports for each the WAL written during the run (less the ingestion's own, from the
// baseline's WAL rate) and the disk the event tables (and log_ids) take before and after.
// A benchmark, not a test: `npm test` never runs it.
//   npm run bench:retention -- [--layout daily|weekly|history, a comma-separated list, both (weekly,history; the default) or all] [--events 10000000] [--writers 2] [--baseline-seconds 20] [--delete-batch N (default adaptive)] [--duty-cycle 0.3] [--pause-ms 0] [--keep] [--fresh-template]
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parsePositiveInt } from "./parse-args";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = parsePositiveInt("--events", flag("events"), 10_000_000);
const WRITERS = parsePositiveInt("--writers", flag("writers"), 2);
const BASELINE_SECONDS = parsePositiveInt("--baseline-seconds", flag("baseline-seconds"), 20);
// Unset: the job's own adaptive batch size (as in production).
const DELETE_BATCH = flag("delete-batch") === undefined ? undefined : parsePositiveInt("--delete-batch", flag("delete-batch"), 5_000);
const DUTY_CYCLE = flag("duty-cycle") === undefined ? undefined : Number(flag("duty-cycle"));
if (DUTY_CYCLE !== undefined && !(DUTY_CYCLE > 0 && DUTY_CYCLE <= 1)) throw new Error(`--duty-cycle must be more than 0 and at most 1, got "${flag("duty-cycle")}"`);
const PAUSE_MS = flag("pause-ms") === undefined ? 0 : parsePositiveInt("--pause-ms", flag("pause-ms"), 0);
const KEEP = args.includes("--keep");
const FRESH_TEMPLATE = args.includes("--fresh-template");
const BATCH = 500;
const LAYOUT = flag("layout") ?? "both";
const LAYOUTS = (LAYOUT === "both" ? ["weekly", "history"] : LAYOUT === "all" ? ["daily", "weekly", "history"] : LAYOUT.split(",")) as Layout[];
if (!LAYOUTS.length || LAYOUTS.some((layout) => !["daily", "weekly", "history"].includes(layout))) {
  throw new Error(`--layout must be daily, weekly, history, a comma-separated list of them, both (weekly,history) or all, got "${LAYOUT}"`);
}
type Layout = "daily" | "weekly" | "history";
const DAY = 86_400_000;

// Point the app's database at a fresh bench database before env() first parses (and
// caches) the environment: parseEnv here does not cache.
const { parseEnv } = await import("@/lib/env");
const adminUrl = parseEnv(process.env).BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const runTag = randomBytes(4).toString("hex");
const dbNameFor = (layout: Layout) => `logdeck_bench_retention_${runTag}_${layout}`;
const dbUrlFor = (layout: Layout) => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbNameFor(layout)}`;
  return url.toString();
};
process.env.DATABASE_URL = dbUrlFor(LAYOUTS[0]!);
process.env.DATABASE_POOL_SIZE = "4";

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (message: string) => console.log(`bench:retention: ${message}`);

const { closeDatabase, database, openDatabase } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { newId } = await import("@/lib/ids");
const { runRetention } = await import("@/lib/retention/run-retention");
const { partitionName, spanStart, weekStart } = await import("@/lib/db/partitions");
const { DEFAULT_DUTY_CYCLE } = await import("@/lib/retention/delete-expired-rows");

// Seeding 10M rows takes minutes, so the seeded database is kept as a template and each
// run starts from a file copy of it (CREATE DATABASE … TEMPLATE, seconds). The template is
// named after the event count and the migrations it was built with, and remembers when it
// was seeded: its rows are placed relative to that moment (expired 31–60 days old, young
// 0–29 days), so it is rebuilt once it is older than TEMPLATE_MAX_AGE_MS (a young row
// must never become expired before the run), or with --fresh-template.
const TEMPLATE_MAX_AGE_MS = 12 * 3_600_000;
const migrationsHash = createHash("sha256")
  .update(readdirSync(path.resolve("prisma/migrations")).sort().join("\n"))
  .digest("hex")
  .slice(0, 8);
const templateNameFor = (layout: Layout) => `logdeck_bench_retention_tpl_${EVENTS}_${migrationsHash}_${layout}`;
const urlFor = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const runs = Array.from({ length: 2_000 }, (_, i) => ({ id: `bench_r${i}`, projectId: `bench_p${i % 10}` }));

/** Seeds a new template (in a scratch database renamed once complete); returns its seed time. */
async function buildTemplate(admin: pg.Client, layout: Layout): Promise<number> {
  const templateName = templateNameFor(layout);
  const building = `logdeck_bench_retention_building_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${building}"`);
  const db = openDatabase({ kind: "postgres", url: urlFor(building) });
  const now = Date.now();
  try {
    await migrate(db);
    if (layout !== "history") {
      // Weekly (daily) partitions over the 60 days and a week either side, a history
      // partition before them (empty), as a database partitioned from the start has them.
      const step = layout === "daily" ? DAY : 7 * DAY;
      const first = weekStart(new Date(now - 62 * DAY));
      for (const table of ["event_logs", "error_logs"] as const) {
        for (const p of await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '${table}'::regclass`)) {
          await db.prisma.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
        }
        await db.prisma.$executeRawUnsafe(`CREATE TABLE "${table}_history" PARTITION OF "${table}" FOR VALUES FROM (MINVALUE) TO ('${first.toISOString()}')`);
        for (let from = first; from.getTime() <= now + 14 * DAY; from = new Date(from.getTime() + step)) {
          const to = new Date(from.getTime() + step);
          await db.prisma.$executeRawUnsafe(`CREATE TABLE "${partitionName(table, from)}" PARTITION OF "${table}" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
        }
      }
      // log_ids likewise: its 28-day spans over the same time, a history partition before.
      for (const p of await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'log_ids'::regclass`)) {
        await db.prisma.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
      }
      for (const kind of ["event", "error"]) {
        const firstSpan = spanStart(first);
        await db.prisma.$executeRawUnsafe(`CREATE TABLE "log_ids_${kind}_history" PARTITION OF log_ids FOR VALUES FROM ('${kind}', MINVALUE) TO ('${kind}', '${firstSpan.toISOString()}')`);
        for (let from = firstSpan; from.getTime() <= now + 14 * DAY; from = new Date(from.getTime() + 28 * DAY)) {
          const to = new Date(from.getTime() + 28 * DAY);
          await db.prisma.$executeRawUnsafe(
            `CREATE TABLE "${partitionName(`log_ids_${kind}` as "log_ids_event", from)}" PARTITION OF log_ids FOR VALUES FROM ('${kind}', '${from.toISOString()}') TO ('${kind}', '${to.toISOString()}')`,
          );
        }
      }
    }
    const projects = Array.from({ length: 10 }, (_, i) => `bench_p${i}`);
    await db.copyRows("projects", ["id", "name"], projects.map((id) => [id, id]));
    await db.copyRows("runs", ["id", "project_id", "status"], runs.map((r) => [r.id, r.projectId, "succeeded"]));
    const half = Math.floor(EVENTS / 2);
    // Time order, as ingestion writes them: expired rows 60→31 days old, kept rows 29→0.
    function* rows(): Generator<unknown[]> {
      for (let i = 0; i < EVENTS; i++) {
        const t = i < half ? now - 60 * DAY + (i / half) * 29 * DAY : now - 29 * DAY + ((i - half) / (EVENTS - half)) * 29 * DAY - 60_000;
        const run = runs[i % runs.length]!;
        yield [newId(t), "SIM_STEP", `{"step":${i % 1000},"value":${(i * 7919) % 10007}}`, run.projectId, run.id, "system", new Date(t)];
      }
    }
    // Loading into a table with six indexes and two foreign keys runs at ~7k rows/s here;
    // without them, then rebuilding them, the load takes minutes instead of half an hour.
    const indexes = await db.prisma.$queryRaw<{ name: string; def: string }[]>`
      SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'event_logs' AND indexname <> 'event_logs_pkey'`;
    const foreignKeys = await db.prisma.$queryRaw<{ name: string; def: string }[]>`
      SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'event_logs'::regclass AND contype = 'f'`;
    for (const fk of foreignKeys) await db.prisma.$executeRawUnsafe(`ALTER TABLE event_logs DROP CONSTRAINT "${fk.name}"`);
    for (const index of indexes) await db.prisma.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
    const loadStart = performance.now();
    let loaded = 0;
    const progress = setInterval(() => log(`  loading … ${fmt(loaded)} rows`), 30_000);
    await db.copyRows(
      "event_logs",
      ["id", "event_type", "payload", "project_id", "run_id", "actor_type", "created_at"],
      (function* () {
        for (const row of rows()) {
          loaded++;
          yield row;
        }
      })() as Iterable<never>,
    );
    clearInterval(progress);
    log(`  copied in ${fmt((performance.now() - loadStart) / 1000, 1)} s; rebuilding ${indexes.length} indexes and ${foreignKeys.length} foreign keys …`);
    // One transaction, so the SET applies to the index builds (Prisma's pool may hand each
    // statement another connection).
    await db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '256MB'");
        // The pool's statement timeout is for pages; building an index over 10M rows takes minutes.
        await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 0");
        // pg_indexes gives a partitioned table's index as "ON ONLY <table>", which makes the
        // parent's alone (invalid, the partitions unindexed); without ONLY it is built on
        // every partition.
        for (const index of indexes) await tx.$executeRawUnsafe(index.def.replace(" ON ONLY ", " ON "));
        for (const fk of foreignKeys) await tx.$executeRawUnsafe(`ALTER TABLE event_logs ADD CONSTRAINT "${fk.name}" ${fk.def}`);
      },
      { timeout: 3_600_000 },
    );
    const invalid = await db.prisma.$queryRaw<{ name: string }[]>`
      SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid`;
    if (invalid.length) throw new Error(`seeding left invalid indexes: ${invalid.map((index) => index.name).join(", ")}`);
    // On a connection of its own, without the pool's statement timeout: VACUUM cannot run
    // in a transaction (SET LOCAL), and over daily partitions it takes longer than 15 s.
    const vacuum = new pg.Client({ connectionString: urlFor(building) });
    await vacuum.connect();
    try {
      await vacuum.query("VACUUM ANALYZE event_logs");
      await vacuum.query("VACUUM ANALYZE log_ids");
    } finally {
      await vacuum.end();
    }
    log(`seeded ${fmt(EVENTS)} events (${fmt(half)} expired) in ${fmt((performance.now() - loadStart) / 1000, 1)} s`);
  } catch (error) {
    await db.close().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    throw error;
  }
  await db.close();
  await admin.query(`COMMENT ON DATABASE "${building}" IS 'logdeck bench:retention template seeded at ${now}'`);
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${templateName}"`);
  return now;
}

interface LayoutResult {
  layout: Layout;
  deleted: number;
  seconds: number;
  ratio: number;
  walMiB: number;
  retentionWalMiB: number;
  diskBeforeMiB: number;
  diskAfterMiB: number;
  partitionsDropped: number;
  rowsTrimmed: number;
}

async function runLayout(layout: Layout): Promise<LayoutResult | null> {
const templateName = templateNameFor(layout);
const dbName = dbNameFor(layout);
const dbUrl = dbUrlFor(layout);
log(`---- layout ${layout} ----`);
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
{
  const { rows } = await admin.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [templateName],
  );
  const seededAt = Number(/seeded at (\d+)/.exec(rows[0]?.comment ?? "")?.[1] ?? NaN);
  const age = Date.now() - seededAt;
  const fromTemplate = rows.length > 0 && !FRESH_TEMPLATE && age >= 0 && age < TEMPLATE_MAX_AGE_MS;
  if (!fromTemplate) {
    if (rows.length > 0) await admin.query(`DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`);
    log(`seeding template ${templateName} (kept for later runs; drop it when done) …`);
    await buildTemplate(admin, layout);
  }
  const copyStart = performance.now();
  // FILE_COPY: a checkpoint and a file copy, far quicker than WAL-logging 2 GB.
  await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${templateName}" STRATEGY FILE_COPY`);
  log(
    `database ${dbName} on ${new URL(adminUrl).host}: ${fromTemplate ? "reused" : "copied from the new"} template ${templateName}` +
      `${fromTemplate ? ` (seeded ${fmt(age / 60_000)} min ago)` : ""}, copied in ${fmt((performance.now() - copyStart) / 1000, 1)} s`,
  );
}
await admin.end();

let result: LayoutResult | null = null;
try {
  // The process's database (what runRetention uses) is this layout's: database() opens
  // the one in its holder (lib/db/client.ts), set here as the next run's.
  await closeDatabase();
  const db = openDatabase({ kind: "postgres", url: dbUrl });
  (globalThis as unknown as { __logdeckDatabase?: typeof db }).__logdeckDatabase = db;
  const lsn = async () => (await db.prisma.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`)[0]!.lsn;
  const walBetween = async (from: string, to: string) =>
    Number((await db.prisma.$queryRaw<{ bytes: number }[]>`SELECT pg_wal_lsn_diff(${to}::pg_lsn, ${from}::pg_lsn)::float8 AS bytes`)[0]!.bytes);
  const disk = async () =>
    Number(
      (
        await db.prisma.$queryRaw<{ bytes: number }[]>`
          SELECT (COALESCE(sum(pg_total_relation_size(c.oid)), 0) + (SELECT COALESCE(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('log_ids')))::float8 AS bytes
          FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE i.inhparent = 'event_logs'::regclass`
      )[0]!.bytes,
    );
  const half = Math.floor(EVENTS / 2);

  // ---- 3. the ingestion-like load ----
  const pool = new pg.Pool({ connectionString: dbUrl, max: WRITERS });
  let stop = false;
  const commits: number[] = []; // commit times (ms since start of the measurement)
  const waits: { at: number; ms: number }[] = [];
  const t0 = performance.now();
  const writer = async () => {
    const client = await pool.connect();
    try {
      while (!stop) {
        const base = Date.now();
        const batch = Array.from({ length: BATCH }, (_, i) => {
          const run = runs[Math.floor(Math.random() * runs.length)]!;
          return { id: newId(base), eventType: "SIM_STEP", payload: `{"step":${i}}`, projectId: run.projectId, runId: run.id, createdAt: new Date(base).toISOString() };
        });
        batch.sort((a, b) => (a.id < b.id ? -1 : 1));
        const started = performance.now();
        await client.query("BEGIN");
        await client.query(
          `INSERT INTO event_logs (id, event_type, payload, project_id, run_id, user_id, actor_type, actor_id, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
             AS t(id, event_type, payload, project_id, run_id, user_id, actor_type, actor_id, created_at)
           -- as ingestion's statement: ids log_ids holds in any span are skipped
           WHERE NOT EXISTS (SELECT 1 FROM log_ids WHERE log_ids.kind = 'event' AND log_ids.id = t.id)
           ON CONFLICT DO NOTHING`,
          [
            batch.map((r) => r.id),
            batch.map((r) => r.eventType),
            batch.map((r) => r.payload),
            batch.map((r) => r.projectId),
            batch.map((r) => r.runId),
            batch.map(() => null),
            batch.map(() => "system"),
            batch.map(() => null),
            batch.map((r) => r.createdAt),
          ],
        );
        await client.query("COMMIT");
        const done = performance.now();
        commits.push(done - t0);
        waits.push({ at: started - t0, ms: done - started });
      }
    } finally {
      client.release();
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);

  const rateBetween = (from: number, to: number) => (commits.filter((t) => t >= from && t < to).length * BATCH) / ((to - from) / 1000);
  const worst = (from: number, to: number) => {
    const slowest = Math.max(0, ...waits.filter((w) => w.at >= from && w.at < to).map((w) => w.ms));
    const inside = commits.filter((t) => t >= from && t < to);
    let gap = 0;
    for (let i = 1; i < inside.length; i++) gap = Math.max(gap, inside[i]! - inside[i - 1]!);
    return { slowest, gap };
  };

  // ---- 4. before ----
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // warm-up, not measured
  const beforeFrom = performance.now() - t0;
  const baselineLsn = await lsn();
  await new Promise((resolve) => setTimeout(resolve, BASELINE_SECONDS * 1000));
  const beforeTo = performance.now() - t0;
  const baselineWal = await walBetween(baselineLsn, await lsn());
  const diskBefore = await disk();
  const runLsn = await lsn();

  // ---- 5. during ----
  const duringFrom = performance.now() - t0;
  let lastLog = 0;
  // One progress call per committed batch, with its rows and transaction time.
  const batches: { ms: number; rows: number }[] = [];
  const retention = await runRetention({
    trigger: "cli",
    actor: "bench",
    batchSize: DELETE_BATCH,
    dutyCycle: DUTY_CYCLE,
    pauseMs: PAUSE_MS,
    onProgress: ({ eventsDeleted, lastBatch }) => {
      const t = performance.now();
      if (lastBatch) batches.push({ ms: lastBatch.transactionMs, rows: lastBatch.rows });
      if (t - lastLog > 10_000) {
        lastLog = t;
        log(`  deleted ${fmt(eventsDeleted)} …`);
      }
    },
  });
  const duringTo = performance.now() - t0;
  const runWal = await walBetween(runLsn, await lsn());
  stop = true;
  await Promise.all(writers);
  await pool.end();
  if (retention.status !== "completed") throw new Error("the retention lock was busy");
  const { outcome } = retention;
  const diskAfter = await disk();

  // What the run leaves to autovacuum (read before the count below reads the table).
  const [vacuum] = await db.prisma.$queryRaw<{ dead: bigint; autovacuums: bigint; autoanalyzes: bigint; running: boolean }[]>`
    SELECT n_dead_tup AS dead, autovacuum_count AS autovacuums, autoanalyze_count AS autoanalyzes,
           EXISTS (SELECT 1 FROM pg_stat_progress_vacuum WHERE relid = 'event_logs'::regclass) AS running
    FROM pg_stat_user_tables WHERE relname = 'event_logs'`;

  // ---- 6. nothing young touched ----
  const [counts] = await db.prisma.$queryRaw<{ expired: bigint; kept: bigint }[]>`
    SELECT count(*) FILTER (WHERE created_at < ${outcome.eventCutoff.toISOString()}::timestamptz) AS expired,
           count(*) FILTER (WHERE created_at >= ${outcome.eventCutoff.toISOString()}::timestamptz) AS kept FROM event_logs`;
  const ingested = commits.length * BATCH;
  const correct = Number(counts!.expired) === 0 && Number(counts!.kept) === EVENTS - half + ingested && outcome.eventsCount === half;

  const seconds = outcome.durationMs / 1000;
  const deleteRate = outcome.eventsCount / seconds;
  const before = rateBetween(beforeFrom, beforeTo);
  const during = rateBetween(duringFrom, duringTo);
  const { slowest, gap } = worst(duringFrom, duringTo);
  const stall = Math.max(slowest, gap);
  const baselineStall = worst(beforeFrom, beforeTo);
  const check = (ok: boolean) => (ok ? "ok" : "MISSED");
  log("");
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
  const sizes = batches.map((b) => b.rows);
  const times = batches.map((b) => b.ms);
  log(`deleted      ${fmt(outcome.eventsCount)} events (${DELETE_BATCH ? `batches of ${fmt(DELETE_BATCH)}` : "adaptive batches"}, duty cycle ${DUTY_CYCLE ?? `${DEFAULT_DUTY_CYCLE} (default)`}, ${PAUSE_MS} ms pause) in ${fmt(seconds, 1)} s = ${fmt(deleteRate)} rows/s   (target ≥ 100,000: ${check(deleteRate >= 100_000)})`);
  log(`batches      ${fmt(batches.length)}: rows p50 ${fmt(pct(sizes, 50))}, min ${fmt(Math.min(...sizes))}, max ${fmt(Math.max(...sizes))}; transaction p50 ${fmt(pct(times, 50))} ms, p99 ${fmt(pct(times, 99))} ms, max ${fmt(Math.max(...times))} ms`);
  log(`ingestion    before ${fmt(before)} rows/s (${BASELINE_SECONDS} s, ${WRITERS} writers × ${BATCH}-row batches)`);
  log(`             during ${fmt(during)} rows/s = ${fmt(during / before, 2)}× before   (target ≥ 0.8×: ${check(during >= 0.8 * before)})`);
  log(`stall        longest batch wait ${fmt(slowest)} ms, longest gap between commits ${fmt(gap)} ms   (target ≤ 1,000 ms: ${check(stall <= 1_000)})`);
  log(`             baseline (before): longest batch wait ${fmt(baselineStall.slowest)} ms, longest gap ${fmt(baselineStall.gap)} ms`);
  log(
    `vacuum       at the end: ${fmt(Number(vacuum!.dead))} dead rows; autovacuum ${vacuum!.running ? "vacuuming event_logs now" : "not running"}, ` +
      `${vacuum!.autovacuums} autovacuum(s) and ${vacuum!.autoanalyzes} autoanalyze(s) of event_logs so far`,
  );
  log(`correctness  ${correct ? "ok" : "WRONG"}: ${fmt(Number(counts!.expired))} expired rows left, ${fmt(Number(counts!.kept))} kept (${fmt(EVENTS - half)} loaded young + ${fmt(ingested)} ingested)`);
  // The ingestion's own WAL over the run's duration, at the baseline's rate, taken off.
  const retentionWal = runWal - (baselineWal / ((beforeTo - beforeFrom) / 1000)) * ((duringTo - duringFrom) / 1000) * (during / Math.max(before, 1));
  const mib = (bytes: number) => bytes / 1_048_576;
  log(`partitions   ${outcome.partitionsDropped} dropped, ${fmt(outcome.rowsTrimmed)} rows trimmed batch by batch`);
  log(`WAL          ${fmt(mib(runWal), 1)} MiB during the run, ~${fmt(mib(Math.max(0, retentionWal)), 1)} MiB of it retention's (ingestion's own taken off at its measured rate)`);
  log(`disk         event_logs + log_ids ${fmt(mib(diskBefore))} MiB before, ${fmt(mib(diskAfter))} MiB after`);
  if (!correct) throw new Error("retention deleted the wrong rows");
  result = {
    layout,
    deleted: outcome.eventsCount,
    seconds,
    ratio: during / before,
    walMiB: mib(runWal),
    retentionWalMiB: mib(Math.max(0, retentionWal)),
    diskBeforeMiB: mib(diskBefore),
    diskAfterMiB: mib(diskAfter),
    partitionsDropped: outcome.partitionsDropped,
    rowsTrimmed: outcome.rowsTrimmed,
  };
} catch (error) {
  console.error(error);
} finally {
  await closeDatabase().catch(() => {});
  if (!KEEP) {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await cleanup.end();
  } else log(`kept database ${dbName}`);
}
return result;
}

let exitCode = 0;
const results: LayoutResult[] = [];
for (const layout of LAYOUTS) {
  const result = await runLayout(layout);
  if (!result) exitCode = 1;
  else results.push(result);
}
await closeDatabase().catch(() => {});
const history = results.find((r) => r.layout === "history");
for (const partitioned of results.filter((r) => r.layout !== "history")) {
  if (!history) break;
  const check = (ok: boolean) => (ok ? "ok" : "MISSED");
  log("");
  log(`---- ${partitioned.layout} partitions (drop) against one partition (batched delete), ${fmt(EVENTS)} events ----`);
  log(`time         ${fmt(partitioned.seconds, 1)} s against ${fmt(history.seconds, 1)} s`);
  log(`ingestion    during retention ${fmt(partitioned.ratio, 2)}× its rate without, against ${fmt(history.ratio, 2)}×   (target ≥ 0.95×: ${check(partitioned.ratio >= 0.95)})`);
  log(`WAL          ${fmt(partitioned.retentionWalMiB, 1)} MiB against ${fmt(history.retentionWalMiB, 1)} MiB = ${fmt((100 * partitioned.retentionWalMiB) / Math.max(history.retentionWalMiB, 0.001), 1)}%   (target ≤ 5%: ${check(partitioned.retentionWalMiB <= 0.05 * history.retentionWalMiB)})`);
  log(`disk         ${fmt(partitioned.diskBeforeMiB)} → ${fmt(partitioned.diskAfterMiB)} MiB against ${fmt(history.diskBeforeMiB)} → ${fmt(history.diskAfterMiB)} MiB`);
}
process.exit(exitCode);
