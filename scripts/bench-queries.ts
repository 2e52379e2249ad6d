// npm run bench:queries — the dashboard's three pages on PostgreSQL at scale:
//   1. a database of its own (--db logdeck_bench on BENCH_ADMIN_URL, default
//      postgresql://postgres@127.0.0.1:5432/postgres), migrated (the time the pending
//      migrations took is printed: on a loaded database that is what they cost), and
//      loaded once with --events (10,000,000) events over 30 days and --errors
//      (1,000,000) errors over 90 days, in time order as ingestion writes them (COPY): 60
//      runs at a time interleave (one of them, bench_run_big, gets every 60th event:
//      ~166,000), events come four to a millisecond (ties on created_at), and project
//      bench_p00 gets 100,000 errors a day for the last 24 hours. A later run finds the
//      data and reuses it, first topping bench_p00 up to the present at the same rate, so
//      its last 24 hours hold 100,000 errors whenever the bench runs;
//   2. VACUUM (ANALYZE) — what autovacuum does to an insert-only table: statistics, and
//      the visibility map that lets the errors view's scan skip the table;
//   3. p50/p95 over --iterations runs of each data-access call behind the pages (the
//      production functions, through Prisma) and of the same SQL sent raw over `pg` (the
//      baseline, measured in the same run): run timeline first page, a page 1,000 pages
//      deep by cursor, trace page, 24-hour errors view;
//   4. the production server (`next build` into .next-bench unless --skip-build, then
//      `next start` with `npm start`'s heap settings on --port, default 3250) on the same database, signed in as an admin,
//      and p50/p95 of the three pages' full HTTP responses (the HTML, read to the end);
//   5. EXPLAIN (ANALYZE, BUFFERS) of each raw statement, with a warning when a plan
//      reads a log table without an index.
// A benchmark, not a test: `npm test` never runs it.
//   npm run bench:queries -- [--db logdeck_bench] [--events 10000000] [--errors 1000000] [--iterations 200] [--reload] [--skip-build] [--port 3250] [--http-compression on|off]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { CopyValue } from "@/lib/db/copy";
import { parsePositiveInt } from "./parse-args";
import { serverNodeOptions } from "./server-node-options";
import { waitForServer } from "./wait-for-server";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = parsePositiveInt("--events", flag("events"), 10_000_000);
const ERRORS = parsePositiveInt("--errors", flag("errors"), 1_000_000);
const HOT_ERRORS = Math.min(100_000, Math.floor(ERRORS / 10));
const ITERATIONS = parsePositiveInt("--iterations", flag("iterations"), 200);
const DB_NAME = flag("db") ?? "logdeck_bench";
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain lower-case identifier, got "${DB_NAME}"`);
const RELOAD = args.includes("--reload");
const SKIP_BUILD = args.includes("--skip-build");
// The server's HTTP_COMPRESSION: "on" (the default) gzips every page as `npm start` does;
// "off" times the pages as served behind a reverse proxy that compresses them.
const HTTP_COMPRESSION = flag("http-compression") ?? "on";
if (HTTP_COMPRESSION !== "on" && HTTP_COMPRESSION !== "off") throw new Error(`--http-compression must be on or off, got "${HTTP_COMPRESSION}"`);
const PORT = parsePositiveInt("--port", flag("port"), 3250);
const DIST_DIR = ".next-bench";
// The bench's server signs session cookies with this (see signInAsAdmin).
const AUTH_SECRET = randomBytes(32).toString("base64url");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLOTS = 60;
const RUN_LENGTH = 400;
const BIG_RUN = "bench_run_big";
const HOT_PROJECT = "bench_p00";
// Explore (#13): the project the search cases run in, and the name of its page case.
const EXPLORE_PROJECT = "bench_p01";
const EXPLORE_HTTP_NAME = "explore page, 24 h free text (rows + histogram + facets)";
const ERROR_COLUMNS = ["id", "trace_id", "error_type", "message", "stack", "detail", "project_id", "run_id", "endpoint", "severity", "created_at"];
const HOT_STEP = (DAY - 2 * 60_000) / HOT_ERRORS;

function uuid(n: number): string {
  const hex = ((n * 2654435761) >>> 0).toString(16).padStart(8, "0") + ((n * 40503) >>> 0).toString(16).padStart(8, "0") + n.toString(16).padStart(16, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const TEMPLATES: ((n: number) => [string, string, string])[] = [
  (n) => ["API_ERROR", `Timeout after ${1000 + (n % 9000)} ms calling ${uuid(n * 13)}`, "error"],
  (n) => ["ENGINE_ERROR", `Object 0x${((n * 2654435761) >>> 0).toString(16)} freed twice at step ${n % 500}`, "critical"],
  (n) => ["API_ERROR", `POST /api/runs/${n % 10000}/save failed with ${[500, 502, 503][n % 3]}`, "error"],
  (n) => ["ENGINE_ERROR", `Solver diverged at step ${n % 800}: residual ${(n % 1000) / 7} exceeded tolerance`, "critical"],
  (n) => ["QUOTA_ERROR", `Quota exceeded for user usr_${n % 300}`, "warning"],
  (n) => ["NETWORK_ERROR", "Connection reset by peer", "warning"],
  (n) => [`CUSTOM_ERROR_${n % 12}`, `Widget ${n % 50} failed to render`, "error"],
];

const { parseEnv } = await import("@/lib/env");
const adminUrl = parseEnv(process.env).BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();
process.env.DATABASE_URL = dbUrl;
process.env.DATABASE_POOL_SIZE = "4";

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (message: string) => console.log(`bench:queries: ${message}`);

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${DB_NAME}"`);
await admin.end();

const { closeDatabase, database, prisma } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { newId } = await import("@/lib/ids");
const { findRunTimeline, buildTimelineSql } = await import("@/lib/runs/find-run-timeline");
const { findTrace, buildTraceSql } = await import("@/lib/traces/find-trace");
const { findErrorOverview, buildErrorOverviewSql } = await import("@/lib/errors/find-error-overview");
const { findProjectErrors, buildProjectErrorsSql } = await import("@/lib/errors/find-project-errors");
const { findErrorTypes, buildErrorTypesSql } = await import("@/lib/errors/find-error-types");
const { encodeTimelineCursor } = await import("@/lib/runs/timeline-cursor");
// Explore (#13): the search cases, timed in measureExplore below.
const explore = {
  ...(await import("@/lib/explore/find-explore-rows")),
  ...(await import("@/lib/explore/find-explore-histogram")),
  ...(await import("@/lib/explore/find-explore-facets")),
  ...(await import("@/lib/filters/build-log-rows-sql")),
  ...(await import("@/lib/query/plan-query")),
  ...(await import("@/lib/explore/resolve-time-range")),
};
// --explore-only: time the search cases alone (no other case, no server).
const EXPLORE_ONLY = args.includes("--explore-only");

const raw = new pg.Client({ connectionString: dbUrl });
// The raw baseline's statements that the app runs in parallel go over a pool of its own.
const rawPool = new pg.Pool({ connectionString: dbUrl, max: 4 });
let server: ChildProcess | undefined;
let exitCode = 0;
try {
  const db = database();
  const migrateStarted = performance.now();
  const applied = await migrate(db);
  if (applied.length) log(`applied ${applied.join(", ")} in ${fmt((performance.now() - migrateStarted) / 1000, 1)} s`);
  await raw.connect();
  log(`database ${DB_NAME} on ${new URL(adminUrl).host}`);
  await ensureLoaded(db);
  await topUpHotProject(db);
  log("VACUUM (ANALYZE) …");
  await raw.query("VACUUM (ANALYZE)");
  await measure(new Date());
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopServer();
  await raw.end().catch(() => {});
  await rawPool.end().catch(() => {});
  await closeDatabase();
}
process.exit(exitCode);

// ---------------------------------------------------------------------------------------

async function ensureLoaded(db: ReturnType<typeof database>): Promise<void> {
  await raw.query("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)");
  const meta = await raw.query<{ value: string }>("SELECT value FROM bench_meta WHERE key = 'loaded_at'");
  const counts = await raw.query<{ events: string; errors: string }>(
    "SELECT (SELECT count(*) FROM event_logs) AS events, (SELECT count(*) FROM error_logs) AS errors",
  );
  const have = { events: Number(counts.rows[0]!.events), errors: Number(counts.rows[0]!.errors) };
  if (!RELOAD && meta.rows[0] && have.events >= EVENTS && have.errors >= ERRORS) {
    log(`reusing ${fmt(have.events)} events and ${fmt(have.errors)} errors loaded at ${meta.rows[0].value}`);
    return;
  }
  log(`loading ${fmt(EVENTS)} events and ${fmt(ERRORS)} errors (COPY; a few minutes) …`);
  await raw.query("TRUNCATE event_logs, error_logs, runs, projects CASCADE");
  await raw.query("DELETE FROM bench_meta");
  const now = Date.now();
  const t0 = now - 30 * DAY;
  const step = (30 * DAY - HOUR) / EVENTS;
  // Four events to a millisecond: ties on created_at everywhere.
  const eventTime = (k: number) => Math.floor(t0 + Math.floor(k / 4) * 4 * step);
  const runOf = (k: number) => {
    const slot = k % SLOTS;
    if (slot === SLOTS - 1) return { id: BIG_RUN, projectId: "bench_p01" };
    const index = Math.floor(Math.floor(k / SLOTS) / RUN_LENGTH);
    return { id: `bench_r_${slot}_${index}`, projectId: `bench_p${String(1 + ((slot + index) % 19)).padStart(2, "0")}` };
  };

  const projects = Array.from({ length: 20 }, (_, i) => `bench_p${String(i).padStart(2, "0")}`);
  await db.copyRows("projects", ["id", "name"], projects.map((id) => [id, `Bench ${id}`]));
  const runs = new Map<string, { projectId: string; first: number; last: number }>();
  const lastOfSlot = (slot: number) => slot + SLOTS * Math.floor((EVENTS - 1 - slot) / SLOTS);
  runs.set(BIG_RUN, { projectId: "bench_p01", first: eventTime(SLOTS - 1), last: eventTime(lastOfSlot(SLOTS - 1)) });
  for (let slot = 0; slot < SLOTS - 1; slot++) {
    for (let k = slot; k < EVENTS; k += SLOTS * RUN_LENGTH) {
      const lastK = Math.min(lastOfSlot(slot), k + SLOTS * (RUN_LENGTH - 1));
      const run = runOf(k);
      runs.set(run.id, { projectId: run.projectId, first: eventTime(k), last: eventTime(lastK) });
    }
  }
  await db.copyRows(
    "runs",
    ["id", "project_id", "name", "status", "started_at", "finished_at", "created_at"],
    [...runs].map(([id, r]) => {
      const running = r.last > now - HOUR;
      return [id, r.projectId, id, running ? "running" : "succeeded", new Date(r.first), running ? null : new Date(r.last), new Date(r.first)];
    }),
  );
  log(`${fmt(projects.length)} projects, ${fmt(runs.size)} runs`);

  const started = performance.now();
  const CHUNK = 1_000_000;
  for (let from = 0; from < EVENTS; from += CHUNK) {
    const to = Math.min(EVENTS, from + CHUNK);
    await db.copyRows(
      "event_logs",
      ["id", "event_type", "payload", "project_id", "run_id", "user_id", "actor_type", "actor_id", "created_at"],
      (function* () {
        for (let k = from; k < to; k++) {
          const t = eventTime(k);
          const run = runOf(k);
          const user = k % 53 === 0;
          yield [
            newId(t),
            user ? "PARAMS_UPDATED" : k % 997 === 0 ? "CHECKPOINT_SAVED" : "SIM_STEP",
            user ? `{"field":"rainfall","value":${k % 100}}` : `{"step":${Math.floor(k / SLOTS)},"durationMs":${k % 5000},"cells":${(k * 7919) % 250000}}`,
            run.projectId,
            run.id,
            user ? `usr_${k % 7}` : null,
            user ? "user" : "system",
            user ? `usr_${k % 7}` : "engine",
            new Date(t),
          ];
        }
      })(),
    );
    const seconds = (performance.now() - started) / 1000;
    log(`events ${fmt(to)} / ${fmt(EVENTS)} (${fmt(to / seconds)} rows/s)`);
  }

  const errorsStarted = performance.now();
  const background = ERRORS - HOT_ERRORS;
  const e0 = now - 90 * DAY;
  const eStep = (90 * DAY - 2 * HOUR) / background;
  const hot0 = now - DAY + 60_000;
  // Time order, background (every project but the hot one, 90 days) merged with the hot
  // project's 100,000 of the last 24 hours.
  function* errorRows(): Generator<CopyValue[]> {
    let b = 0;
    let h = 0;
    while (b < background || h < HOT_ERRORS) {
      const tb = b < background ? e0 + b * eStep : Infinity;
      const th = h < HOT_ERRORS ? hot0 + h * HOT_STEP : Infinity;
      const hot = th < tb;
      const n = hot ? h++ : b++;
      const t = Math.floor(hot ? th : tb);
      // Background errors of the last 30 days belong to the run active at the time (every
      // 50th to the big run); the two rows of a pair share a traceId.
      let runId: string | null = null;
      let projectId = hot ? HOT_PROJECT : `bench_p${String(1 + (n % 19)).padStart(2, "0")}`;
      if (!hot && t >= t0) {
        const k = Math.min(EVENTS - 1, Math.floor((t - t0) / step));
        const run = n % 50 === 0 ? { id: BIG_RUN, projectId: "bench_p01" } : runOf(k - (k % SLOTS) + (n % (SLOTS - 1)));
        runId = run.id;
        projectId = run.projectId;
      }
      yield errorRow(n, hot, t, projectId, runId);
    }
  }
  await db.copyRows("error_logs", ERROR_COLUMNS, errorRows());
  log(`errors ${fmt(ERRORS)} in ${fmt((performance.now() - errorsStarted) / 1000, 1)} s; load took ${fmt((performance.now() - started) / 1000)} s`);
  await raw.query("INSERT INTO bench_meta (key, value) VALUES ('loaded_at', $1), ('hot_next', $2)", [new Date(now).toISOString(), String(HOT_ERRORS)]);
}

/** The n-th background or hot error at time t (the two rows of a pair share a traceId). */
function errorRow(n: number, hot: boolean, t: number, projectId: string, runId: string | null): CopyValue[] {
  const [errorType, message, severity] = TEMPLATES[(n * 31 + (hot ? 3 : 0)) % TEMPLATES.length]!(n);
  return [
    newId(t),
    uuid((hot ? 10_000_000 : 0) + Math.floor(n / 2)),
    errorType,
    message,
    n % 3 === 0 ? `Error: ${message}\n    at handler (src/api/${errorType.toLowerCase()}.ts:${n % 300}:7)\n    at process (node:internal/process:1:1)` : null,
    `{"attempt":${n % 4},"requestId":"${uuid(n)}"}`,
    projectId,
    runId,
    errorType === "API_ERROR" ? "/api/runs/:id/save" : null,
    severity,
    new Date(t),
  ];
}

/**
 * Continues bench_p00's errors from where the last load or top-up stopped to a minute ago,
 * at the load's rate (100,000 a day), so the pages — which ask for the real last 24
 * hours — see the same volume however long ago the data was loaded.
 */
async function topUpHotProject(db: ReturnType<typeof database>): Promise<void> {
  const meta = await raw.query<{ key: string; value: string }>("SELECT key, value FROM bench_meta WHERE key IN ('loaded_at', 'hot_next')");
  const value = (key: string) => meta.rows.find((r) => r.key === key)?.value;
  const loadedAt = new Date(value("loaded_at")!).getTime();
  const hot0 = loadedAt - DAY + 60_000;
  let next = Number(value("hot_next") ?? HOT_ERRORS);
  const until = Date.now() - 60_000;
  const from = next;
  function* rows(): Generator<CopyValue[]> {
    for (; hot0 + next * HOT_STEP <= until; next++) yield errorRow(next, true, Math.floor(hot0 + next * HOT_STEP), HOT_PROJECT, null);
  }
  const added = await db.copyRows("error_logs", ERROR_COLUMNS, rows());
  await raw.query("INSERT INTO bench_meta (key, value) VALUES ('hot_next', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [String(next)]);
  if (added > 0) log(`${HOT_PROJECT}: ${fmt(added)} errors added up to the present (errors ${fmt(from)}–${fmt(next - 1)} of its stream)`);
}

// ---------------------------------------------------------------------------------------

interface Timing {
  p50: number;
  p95: number;
}

async function time(fn: (i: number) => Promise<unknown>): Promise<Timing> {
  const [timing] = await timeInterleaved([fn]);
  return timing!;
}

/**
 * p50/p95 of each function, called in turn every iteration (in an order that rotates), so
 * that an app call and its raw SQL see the same moments of a noisy machine rather than
 * one of them a quieter minute than the other.
 */
async function timeInterleaved(fns: ((i: number) => Promise<unknown>)[]): Promise<Timing[]> {
  for (let i = 0; i < Math.min(20, ITERATIONS); i++) for (const fn of fns) await fn(i);
  const samples: number[][] = fns.map(() => []);
  for (let i = 0; i < ITERATIONS; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      const start = performance.now();
      await fns[j]!(i);
      samples[j]!.push(performance.now() - start);
    }
  }
  return samples.map((values) => {
    values.sort((a, b) => a - b);
    const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
    return { p50: at(0.5), p95: at(0.95) };
  });
}

function runRaw(sql: { text: string; values: unknown[] }) {
  return raw.query(sql.text, sql.values as unknown[]);
}

async function explain(name: string, sql: { text: string; values: unknown[] }) {
  const { rows } = await raw.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values as unknown[]);
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS): ${name}\n${plan}`);
  const seqOnLogs = /Seq Scan on (event_logs|error_logs)/.test(plan);
  const indexed = /Index (Only )?Scan|Bitmap Index Scan/.test(plan);
  if (!indexed || seqOnLogs) console.log(`WARNING: ${name}: the plan reads a log table without an index`);
  else console.log(`ok: ${name} uses an index`);
}

async function measure(now: Date) {
  const none = { types: [], actorTypes: [], severities: [] };
  const noErrorFilters = { severities: [], types: [] };
  const since = new Date(now.getTime() - DAY);
  const runSize = await raw.query<{ n: string }>("SELECT count(*) AS n FROM event_logs WHERE run_id = $1", [BIG_RUN]);
  // The key 1,000 pages of 100 in (set up with OFFSET once; the timed reads use the cursor).
  const depth = Math.min(100_000, Number(runSize.rows[0]!.n) - 101);
  if (depth < 100_000) log(`WARNING: ${BIG_RUN} is too small for 1,000 pages; the deep page is ${fmt(depth / 100)} pages in`);
  const deep = await raw.query<{ created_at: Date; id: string }>(
    "SELECT created_at, id FROM event_logs WHERE run_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1",
    [BIG_RUN, Math.max(0, depth)],
  );
  const deepKey = { createdAt: deep.rows[0]!.created_at, id: deep.rows[0]!.id, kind: "event" as const };
  const traces = (
    await raw.query<{ trace_id: string }>(
      "SELECT DISTINCT trace_id FROM (SELECT trace_id FROM error_logs WHERE created_at > $1 AND run_id IS NOT NULL ORDER BY created_at DESC LIMIT 5000) AS recent LIMIT 200",
      [new Date(now.getTime() - 20 * DAY)],
    )
  ).rows.map((r) => r.trace_id);
  const hot = await raw.query<{ n: string }>("SELECT count(*) AS n FROM error_logs WHERE project_id = $1 AND created_at > $2 AND created_at <= $3", [HOT_PROJECT, since, now]);
  log(`${BIG_RUN}: ${fmt(Number(runSize.rows[0]!.n))} events; ${fmt(traces.length)} sample traces; ${HOT_PROJECT}: ${fmt(Number(hot.rows[0]!.n))} errors in the 24 h before ${now.toISOString()}`);

  // The raw baselines: each statement as the natural SQL returns it (rows, not the JSON
  // the app may wrap them in).
  const firstSql = buildTimelineSql({ runId: BIG_RUN, filters: none, desc: true, after: null, take: 101 })!;
  const deepSql = buildTimelineSql({ runId: BIG_RUN, filters: none, desc: true, after: { key: deepKey, op: "<" }, take: 101 })!;
  const overviewSql = buildErrorOverviewSql({ projectId: HOT_PROJECT, window: "24h", filters: noErrorFilters, now });
  const listSql = buildProjectErrorsSql({ projectId: HOT_PROJECT, since, until: now, filters: noErrorFilters, after: null, take: 51 });
  const typesSql = buildErrorTypesSql({ projectId: HOT_PROJECT, since: new Date(now.getTime() - 7 * DAY) });
  // The trace page's one statement: errors, count, and each run's name and events.
  const traceSql = (traceId: string) => buildTraceSql({ traceId });
  const rawTrace = (traceId: string) => runRaw(traceSql(traceId));
  const rawPooled = (sql: { text: string; values: unknown[] }) => rawPool.query(sql.text, sql.values as unknown[]);

  const results: BenchResult[] = [];
  const run = async (name: string, target: number, app: (i: number) => Promise<unknown>, rawFn: (i: number) => Promise<unknown>) => {
    log(`timing ${name} (${ITERATIONS} iterations each) …`);
    const [appTiming, rawTiming] = await timeInterleaved([app, rawFn]);
    results.push({ name, target, app: appTiming!, raw: rawTiming! });
  };
  const scansBefore = await indexScans();
  if (EXPLORE_ONLY) {
    for (const [name, sql] of await measureExplore(now, run)) await explain(name, sql);
    printResults(results);
    await printIndexUsage(scansBefore);
    return;
  }
  await run(
    "run timeline, first page",
    50,
    () => findRunTimeline({ runId: BIG_RUN, filters: none }),
    () => runRaw(firstSql),
  );
  await run(
    "run timeline, 1,000 pages deep",
    50,
    () => findRunTimeline({ runId: BIG_RUN, filters: none, cursor: { key: deepKey, direction: "next" } }),
    () => runRaw(deepSql),
  );
  await run(
    "trace page",
    30,
    (i) => findTrace({ traceId: traces[i % traces.length]! }),
    (i) => rawTrace(traces[i % traces.length]!),
  );
  await run(
    "24-hour errors view (overview + list + types)",
    150,
    () =>
      Promise.all([
        findErrorOverview({ projectId: HOT_PROJECT, window: "24h", filters: noErrorFilters, now }),
        findProjectErrors({ projectId: HOT_PROJECT, since, until: now, filters: noErrorFilters, cursor: undefined }),
        findErrorTypes({ projectId: HOT_PROJECT, since: new Date(now.getTime() - 7 * DAY) }),
      ]),
    () => Promise.all([rawPooled(overviewSql), rawPooled(listSql), rawPooled(typesSql)]),
  );
  await run(
    "24-hour groups + chart alone",
    150,
    () => findErrorOverview({ projectId: HOT_PROJECT, window: "24h", filters: noErrorFilters, now }),
    () => runRaw(overviewSql),
  );
  const overview = await findErrorOverview({ projectId: HOT_PROJECT, window: "24h", filters: noErrorFilters, now });
  log(`24-hour view of ${HOT_PROJECT}: ${fmt(overview.total)} errors in ${fmt(overview.groupCount)} groups; the largest: ${overview.groups.slice(0, 3).map((g) => `${g.errorType} "${g.pattern}" ×${fmt(g.count)}`).join(", ")}`);
  if (overview.groups.reduce((sum, g) => sum + g.count, 0) !== overview.total && overview.groupCount <= overview.groups.length) {
    throw new Error("the groups do not add up to the total: grouping is not over every error");
  }

  const exploreExplains = await measureExplore(now, run);

  // The same three pages through the production server, as a signed-in admin.
  await startServer();
  const cookie = await signInAsAdmin();
  const page = async (pathname: string, expect: string) => {
    const response = await fetch(`http://127.0.0.1:${PORT}${pathname}`, { headers: { cookie }, redirect: "manual" });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status} ${response.headers.get("location") ?? ""}`);
    if (!html.includes(expect)) throw new Error(`GET ${pathname}: the page does not show "${expect}"`);
  };
  const deepCursor = encodeTimelineCursor({ key: deepKey, direction: "next" });
  const httpPages: [string, (i: number) => Promise<void>][] = [
    ["run timeline, first page", () => page(`/runs/${BIG_RUN}`, BIG_RUN)],
    ["run timeline, 1,000 pages deep", () => page(`/runs/${BIG_RUN}?cursor=${deepCursor}`, BIG_RUN)],
    ["trace page", (i) => page(`/traces/${traces[i % traces.length]!}`, traces[i % traces.length]!)],
    ["24-hour errors view (overview + list + types)", () => page(`/projects/${HOT_PROJECT}/errors`, "errors in the")],
    ...exploreHttpPages(page),
  ];
  for (const [name, fn] of httpPages) {
    log(`timing GET ${name} over HTTP (${ITERATIONS} iterations, HTTP_COMPRESSION=${HTTP_COMPRESSION}) …`);
    results.find((r) => r.name === name)!.http = await time(fn);
  }
  await stopServer();

  await explain("run timeline, first page", firstSql);
  await explain("run timeline, 1,000 pages deep", deepSql);
  await explain("trace page (errors, count, each run's events)", traceSql(traces[0]!));
  await explain("24-hour groups + chart", overviewSql);
  await explain("24-hour error list, first page", listSql);
  await explain("24-hour error types (filter)", typesSql);
  for (const [name, sql] of exploreExplains) await explain(name, sql);

  printResults(results);
  await printIndexUsage(scansBefore);
  void prisma;
}

/**
 * Scans of each log-table index so far (pg_stat_user_indexes), a partitioned index's
 * partitions summed under its own name.
 */
async function indexScans(): Promise<Map<string, number>> {
  const { rows } = await raw.query<{ index: string; scans: string }>(`
    SELECT coalesce(parent.relname, c.relname)::text AS index, sum(s.idx_scan)::text AS scans
    FROM pg_stat_user_indexes s
    JOIN pg_class c ON c.oid = s.indexrelid
    LEFT JOIN pg_inherits inh ON inh.inhrelid = s.indexrelid
    LEFT JOIN pg_class parent ON parent.oid = inh.inhparent
    WHERE s.relname LIKE 'event\\_logs%' OR s.relname LIKE 'error\\_logs%' OR s.relname = 'log_ids'
    GROUP BY 1`);
  return new Map(rows.map((row) => [row.index, Number(row.scans)]));
}

/** Which indexes this run's statements read, and which none did (docs/partitioning.md, Indexes). */
async function printIndexUsage(before: Map<string, number>) {
  // Backends report their counts within a second of going idle.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await indexScans();
  console.log("\nindex scans during this run (pg_stat_user_indexes; a partitioned index's partitions summed):");
  for (const [index, scans] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
    const delta = scans - (before.get(index) ?? 0);
    console.log(`  ${index.padEnd(50)} ${fmt(delta).padStart(10)}${delta === 0 ? "   (not read by any case)" : ""}`);
  }
}

interface BenchResult {
  name: string;
  target: number;
  app: Timing;
  raw: Timing;
  http?: Timing;
}

function printResults(results: BenchResult[]) {
  console.log(`\nmachine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")} at the end`);
  const served = HTTP_COMPRESSION === "on" ? "gzip" : "uncompressed";
  console.log(`\n| query | app p50 | app p95 | raw SQL p50 | raw SQL p95 | target p95 | app/raw p95 | verdict | HTTP page p50 (${served}) | HTTP page p95 (${served}) |`);
  console.log("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
  for (const r of results) {
    const ratio = r.app.p95 / Math.max(r.raw.p95, 0.001);
    const ok = r.app.p95 < r.target && ratio <= 2;
    console.log(
      `| ${r.name} | ${fmt(r.app.p50, 1)} ms | ${fmt(r.app.p95, 1)} ms | ${fmt(r.raw.p50, 1)} ms | ${fmt(r.raw.p95, 1)} ms | < ${r.target} ms | ${fmt(ratio, 2)}× | ${ok ? "meets" : "MISSES"} | ${r.http ? `${fmt(r.http.p50, 1)} ms` : "—"} | ${r.http ? `${fmt(r.http.p95, 1)} ms` : "—"} |`,
    );
  }
}

// ---- Explore (#13) search cases: each the app's function against the raw SQL of the same
// statement(s), in the same run; returns the statements to EXPLAIN. ----------------------

async function measureExplore(now: Date, run: (name: string, target: number, app: (i: number) => Promise<unknown>, rawFn: (i: number) => Promise<unknown>) => Promise<void>): Promise<[string, { text: string; values: unknown[] }][]> {
  const last = (ms: number) => ({ from: new Date(now.getTime() - ms), to: now });
  const day = last(DAY);
  const month = last(30 * DAY);
  const someRun = (await raw.query<{ run_id: string }>("SELECT run_id FROM event_logs WHERE project_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT 1", [EXPLORE_PROJECT, day.from])).rows[0]?.run_id ?? BIG_RUN;
  const rowsCase = (queries: string[], range: { from: Date; to: Date }, projectId?: string) => {
    const trees = queries.map((q) => explore.planQuery(q));
    const sqls = trees.map((tree) => explore.buildLogRowsSql({ scope: { projectId, ...range }, filter: tree, desc: true, after: null, take: 51 })!);
    return {
      app: (i: number) => explore.findExploreRows({ projectId, tree: trees[i % trees.length]!, range, cursor: null }),
      raw: (i: number) => runRaw(sqls[i % sqls.length]!),
      sqls,
    };
  };
  const fieldQueries = ["type:PARAMS_UPDATED", "actor:usr_3", "user:usr_4", "severity:critical", `run:${someRun}`];
  const cases: [string, number, ReturnType<typeof rowsCase>][] = [
    ["explore: field query, a project's 24 h", 100, rowsCase(fieldQueries, day, EXPLORE_PROJECT)],
    ["explore: field query, a project's 30 d", 300, rowsCase(fieldQueries, month, EXPLORE_PROJECT)],
    ["explore: free text, a project's 24 h", 300, rowsCase(["rainfall", '"Solver diverged"', "nothing-matches-zz"], day, EXPLORE_PROJECT)],
    ["explore: free text, 30 d of every project", 2000, rowsCase(["CHECKPOINT_SAVED", '"Solver diverged"', "nothing-matches-zz"], month)],
    ["explore: payload.step>20, a project's 24 h", 300, rowsCase(["payload.step>20", "payload.durationMs>4990"], day, EXPLORE_PROJECT)],
  ];
  const explains: [string, { text: string; values: unknown[] }][] = [];
  for (const [name, target, c] of cases) {
    await run(name, target, c.app, c.raw);
    c.sqls.forEach((sql, i) => explains.push([`${name} (#${i + 1})`, sql]));
  }
  // Histogram + facets of a day: both statements, in parallel as the page runs them.
  const tree = explore.planQuery("");
  const bucketMs = explore.histogramBucketMs(day);
  const options = { projectId: EXPLORE_PROJECT, tree, range: day };
  const capture = async (fn: () => Promise<unknown>) => {
    // The statements exactly as the app builds them, caught on their way to the driver.
    const db = database();
    const original = db.transaction.bind(db);
    const seen: { text: string; values: unknown[] }[] = [];
    db.transaction = (async (body: Parameters<typeof original>[0], opts: Parameters<typeof original>[1]) =>
      original(async (sql) => body(async (text, params) => (seen.push({ text, values: [...(params ?? [])] }), sql(text, params))), opts)) as typeof db.transaction;
    try {
      await fn();
    } finally {
      db.transaction = original;
    }
    return seen;
  };
  const [histogramSql] = await capture(() => explore.findExploreHistogram({ ...options, bucketMs }));
  const [facetsSql] = await capture(() => explore.findExploreFacets(options));
  await run(
    "explore: histogram + facets, a project's 24 h",
    300,
    () => Promise.all([explore.findExploreHistogram({ ...options, bucketMs }), explore.findExploreFacets(options)]),
    () => Promise.all([rawPool.query(histogramSql!.text, histogramSql!.values as unknown[]), rawPool.query(facetsSql!.text, facetsSql!.values as unknown[])]),
  );
  explains.push(["explore: histogram, a project's 24 h", histogramSql!], ["explore: facets, a project's 24 h", facetsSql!]);
  // The page's whole data access (its HTTP time is compared with this).
  const pageOptions = { projectId: EXPLORE_PROJECT, tree: explore.planQuery("rainfall"), range: day };
  const pageSqls = await capture(() =>
    Promise.all([explore.findExploreRows({ ...pageOptions, cursor: null }), explore.findExploreHistogram({ ...pageOptions, bucketMs }), explore.findExploreFacets(pageOptions)]),
  );
  await run(
    EXPLORE_HTTP_NAME,
    2000,
    () => Promise.all([explore.findExploreRows({ ...pageOptions, cursor: null }), explore.findExploreHistogram({ ...pageOptions, bucketMs }), explore.findExploreFacets(pageOptions)]),
    () => Promise.all(pageSqls.map((sql) => rawPool.query(sql.text, sql.values as unknown[]))),
  );
  return explains;
}

/** The explorer over HTTP, against its data access (rows + histogram + facets, timed above by parts). */
function exploreHttpPages(page: (pathname: string, expect: string) => Promise<void>): [string, (i: number) => Promise<void>][] {
  return [[EXPLORE_HTTP_NAME, () => page(`/projects/${EXPLORE_PROJECT}/explore?q=rainfall`, "Matching events and errors")]];
}

// ---------------------------------------------------------------------------------------

async function startServer(): Promise<void> {
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  if (!SKIP_BUILD) {
    log(`building into ${DIST_DIR} …`);
    const build = spawnSync(process.execPath, [next, "build"], { stdio: ["ignore", "ignore", "inherit"], env: childEnv });
    if (build.status !== 0) throw new Error("next build failed");
  }
  server = spawn(process.execPath, [next, "start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    // With `npm start`'s heap settings: the pages are timed as production serves them.
    env: { ...childEnv, DATABASE_URL: dbUrl, PORT: String(PORT), AUTH_SECRET, DATABASE_POOL_SIZE: "10", NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS), HTTP_COMPRESSION },
  });
  await waitForServer(server, PORT);
}

async function stopServer(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running || running.exitCode !== null) return;
  running.kill("SIGTERM");
  await new Promise((r) => running.once("exit", r));
}

/**
 * An admin's session, as a sign-in leaves it: a `sessions` row for a bench admin, and the
 * cookie better-auth signs for it (HMAC-SHA256 with the server's AUTH_SECRET). The
 * server checks it on every page like any other session.
 */
async function signInAsAdmin(): Promise<string> {
  const userId = "bench_admin";
  await raw.query(
    `INSERT INTO users (id, name, email, email_verified, role, banned, created_at, updated_at)
     VALUES ($1, 'Bench admin', 'bench-admin@logdeck.local', true, 'admin', false, now(), now())
     ON CONFLICT (id) DO UPDATE SET role = 'admin', banned = false`,
    [userId],
  );
  const token = randomBytes(24).toString("base64url");
  await raw.query(
    `INSERT INTO sessions (id, token, user_id, expires_at, created_at, updated_at) VALUES ($1, $2, $3, now() + interval '1 day', now(), now())`,
    [newId(Date.now()), token, userId],
  );
  const signature = createHmac("sha256", AUTH_SECRET).update(token).digest("base64");
  const cookie = `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
  const check = await fetch(`http://127.0.0.1:${PORT}/`, { headers: { cookie }, redirect: "manual" });
  await check.text();
  if (check.status !== 200) throw new Error(`signing in as the bench admin failed: GET / gave ${check.status} ${check.headers.get("location") ?? ""}`);
  return cookie;
}
