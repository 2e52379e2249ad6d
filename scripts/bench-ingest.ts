// npm run bench:ingest — the ingestion API's throughput against PostgreSQL's own bulk
// path, in one run on one machine:
//   1. a fresh database on the local server (BENCH_ADMIN_URL, default
//      postgresql://postgres@127.0.0.1:5432/postgres), migrated;
//   2. the production server (`next build` into .next-bench, `next start`) on it;
//   3. N events over HTTP in batches of 500, `--concurrency` requests at a time, then a
//      check that every acknowledged id is stored;
//   4. a raw COPY of the same rows into a scratch table with the same indexes and
//      foreign keys — the baseline;
//   5. single-error POSTs at 200 requests/s (open loop) for their p50/p99 latency;
//   6. the server's peak RSS throughout.
// A benchmark, not a test: `npm test` never runs it.
//   npm run bench:ingest -- [--events 200000] [--concurrency 4] [--latency-seconds 15] [--skip-build]
//                           [--server-node-options "--max-old-space-size=256"] [--server-cpu-prof DIR]
//                           [--soak-seconds 300] [--workers N]
// --workers N: the server is `npm start`'s supervisor with WEB_CONCURRENCY=N workers
// (scripts/start.mjs) instead of one `next start`; CPU and RSS count all of them.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "@/lib/db/client";
import { encodeCopyRow } from "@/lib/db/copy";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { parsePositiveInt } from "./parse-args";
import { serverNodeOptions } from "./server-node-options";
import { waitForServer } from "./wait-for-server";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = parsePositiveInt("--events", flag("events"), 200_000);
const CONCURRENCY = parsePositiveInt("--concurrency", flag("concurrency"), 4);
const BATCH = parsePositiveInt("--batch", flag("batch"), 500);
const LATENCY_SECONDS = parsePositiveInt("--latency-seconds", flag("latency-seconds"), 15);
const LATENCY_RATE = parsePositiveInt("--rate", flag("rate"), 200);
const PORT = parsePositiveInt("--port", flag("port"), 3240);
const SKIP_BUILD = args.includes("--skip-build");
const WORKERS = flag("workers") === undefined ? 0 : parsePositiveInt("--workers", flag("workers"), 1);
// --soak-seconds N: afterwards, N seconds of sustained mixed load (batches of 500, every
// fourth a ~0.9 MiB batch of 1,000, plus single errors at 50/s) with the server's RSS
// printed every 30 s: shows whether memory stays bounded and throughput holds.
const SOAK_SECONDS = flag("soak-seconds") === undefined ? 0 : parsePositiveInt("--soak-seconds", flag("soak-seconds"), 300);
// The server runs with `npm start`'s heap caps (scripts/server-heap-flags.json);
// --server-node-options "--max-old-space-size=256 …" replaces a cap or adds options, to
// try other settings (a flag given here wins over the cap of the same name).
const SERVER_NODE_OPTIONS = serverNodeOptions(flag("server-node-options") ?? "");
// --server-cpu-prof DIR: the server runs under `node --cpu-prof` (not allowed in
// NODE_OPTIONS) and writes its profile into DIR when the bench stops it.
const SERVER_CPU_PROF_DIR = flag("server-cpu-prof");
const KEY = `bench-${randomBytes(8).toString("hex")}`;
const DIST_DIR = ".next-bench";

const adminUrl = env().BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `logdeck_bench_${randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (message: string) => console.log(`bench:ingest: ${message}`);

interface BenchEvent {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  projectId: string;
  runId: string;
  userId: string | null;
  actorType: "user" | "system";
  createdAt: string;
}

const TYPES = ["SIM_STARTED", "SIM_STEP", "SIM_STEP", "SIM_STEP", "RUN_SAVED", "PARAM_CHANGED", "EXPORT_REQUESTED"];
function makeEvents(count: number, start: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return {
      id: newId(),
      eventType: TYPES[n % TYPES.length]!,
      payload: { step: n % 1000, durationMs: (n * 7) % 5000, model: "atlas-flood", params: { cells: 4096, dt: 0.25 } },
      projectId: `bench_proj_${n % 10}`,
      runId: `bench_run_${n % 200}`,
      userId: n % 3 === 0 ? `user_${n % 50}` : null,
      actorType: n % 3 === 0 ? "user" : "system",
      createdAt: new Date(Date.now() - (count - i) * 10).toISOString(),
    };
  });
}

/** The server's process and every process under it, from /proc. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of the server and every process under it. */
function treeRssBytes(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {}
  }
  return total;
}

/**
 * CPU seconds (user + system) the server and the processes under it have used. Per event,
 * it is the figure that moves with the code and hardly with the machine's load, which
 * changes the rates (and, less, their ratio) from run to run.
 */
function treeCpuSeconds(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after the command.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}
// sysconf(_SC_CLK_TCK): 100 on every Linux Node.js runs on.
const CLOCK_TICKS_PER_SECOND = 100;

async function post(pathname: string, body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`http://127.0.0.1:${PORT}${pathname}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body,
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

async function sendAll(events: BenchEvent[]): Promise<string[][]> {
  const batches: BenchEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const acknowledged: string[][] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      const batch = batches[index]!;
      for (let attempt = 0; ; attempt++) {
        const res = await post("/api/events", JSON.stringify({ events: batch }));
        if (res.status === 201) {
          acknowledged[index] = res.json.ids;
          break;
        }
        if (attempt > 5 || (res.status !== 503 && res.status !== 429)) throw new Error(`batch ${index}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return acknowledged;
}

async function measureLatency(): Promise<{ p50: number; p99: number; max: number; sent: number; failed: string; achievedRate: number }> {
  const total = LATENCY_RATE * LATENCY_SECONDS;
  const interval = 1000 / LATENCY_RATE;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    // Open loop: request i leaves at its scheduled time whether or not earlier ones are back.
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify({ traceId: randomUUID(), errorType: "API_ERROR", message: `latency probe ${i}`, projectId: "bench_proj_0", endpoint: "/api/simulate", detail: { status: 502 } });
    const t0 = performance.now();
    inflight.push(
      post("/api/errors", body).then((res) => {
        if (res.status === 201) latencies.push(performance.now() - t0);
        else void fail(`HTTP ${res.status}`);
      }, () => void fail("network")),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const failed = failures.size ? [...failures].map(([why, n]) => `${n} × ${why}`).join(", ") : "none";
  return { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN, sent: total, failed, achievedRate: total / elapsed };
}

/** Sustained load for SOAK_SECONDS; fails when the server dies or a request is refused. */
async function soak(server: ChildProcess, client: pg.Client): Promise<void> {
  log(`soak: ${SOAK_SECONDS} s of batches (${CONCURRENCY} at a time, every fourth ~0.9 MiB) and single errors at 50/s …`);
  const started = performance.now();
  const deadline = started + SOAK_SECONDS * 1000;
  let acknowledged = 0;
  let next = 10_000_000;
  let maxRss = 0;
  const rssSamples: number[] = [];
  const sampler = setInterval(() => {
    const rss = treeRssBytes(server.pid!);
    rssSamples.push(rss);
    maxRss = Math.max(maxRss, rss);
  }, 250);
  let lastReport = started;
  let lastAcknowledged = 0;
  const reporter = setInterval(() => {
    const now = performance.now();
    const rate = ((acknowledged - lastAcknowledged) * 1000) / (now - lastReport);
    const rss = rssSamples.at(-1) ?? 0;
    log(`soak ${fmt((now - started) / 1000)} s: ${fmt(rate)} events/s, RSS ${fmt(rss / 1048576)} MB (max so far ${fmt(maxRss / 1048576)} MB)`);
    lastReport = now;
    lastAcknowledged = acknowledged;
  }, 30_000);
  const padding = "x".repeat(700);
  const worker = async (w: number) => {
    for (let round = 0; performance.now() < deadline; round++) {
      const big = round % 4 === w % 4;
      const events = makeEvents(big ? 1000 : BATCH, next);
      next += events.length;
      if (big) for (const e of events) e.payload.note = padding;
      const res = await post("/api/events", JSON.stringify({ events }));
      if (res.status !== 201) throw new Error(`soak: HTTP ${res.status} ${JSON.stringify(res.json)}`);
      acknowledged += events.length;
    }
  };
  let errorsSent = 0;
  const errorStream = (async () => {
    const failures: string[] = [];
    while (performance.now() < deadline) {
      const body = JSON.stringify({ traceId: randomUUID(), errorType: "API_ERROR", message: `soak probe ${errorsSent}`, projectId: "bench_proj_0", detail: { status: 502 } });
      errorsSent++;
      void post("/api/errors", body).then((res) => res.status === 201 || failures.push(`HTTP ${res.status}`), () => failures.push("network"));
      await new Promise((r) => setTimeout(r, 20));
    }
    return failures;
  })();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    const failures = await errorStream;
    if (failures.length) throw new Error(`soak: ${failures.length} single-error POSTs failed (${failures.slice(0, 3).join(", ")})`);
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
  }
  if (server.exitCode !== null || server.signalCode !== null) throw new Error(`soak: the server exited (${server.exitCode ?? server.signalCode})`);
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM event_logs");
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...rssSamples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const firstMinute = rssSamples.slice(0, 240);
  const lastMinute = rssSamples.slice(-240);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log("");
  console.log(`soak               ${fmt(seconds)} s, ${fmt(acknowledged)} events acknowledged (${fmt(acknowledged / seconds)} events/s), ${fmt(errorsSent)} single errors, server alive, ${fmt(Number(rows[0]!.n))} events stored in all`);
  console.log(`soak RSS           max ${fmt(maxRss / 1048576)} MB, p50 ${fmt(at(0.5) / 1048576)} MB, p99 ${fmt(at(0.99) / 1048576)} MB; mean of the first minute ${fmt(avg(firstMinute) / 1048576)} MB, of the last ${fmt(avg(lastMinute) / 1048576)} MB`);
}

async function copyBaseline(client: pg.Client, events: BenchEvent[]): Promise<number> {
  // Same columns, defaults, indexes (LIKE … INCLUDING ALL) and foreign keys as event_logs.
  await client.query(`CREATE TABLE bench_copy_events (LIKE event_logs INCLUDING ALL)`);
  await client.query(`ALTER TABLE bench_copy_events ADD FOREIGN KEY (project_id) REFERENCES projects(id), ADD FOREIGN KEY (run_id) REFERENCES runs(id)`);
  const columns = ["id", "event_type", "payload", "project_id", "run_id", "user_id", "actor_type", "actor_id", "created_at"];
  const sql = `COPY bench_copy_events (${columns.join(", ")}) FROM STDIN`;
  const t0 = performance.now();
  async function* rows() {
    let chunk = "";
    for (const e of events) {
      chunk += encodeCopyRow([e.id, e.eventType, e.payload, e.projectId, e.runId, e.userId, e.actorType, null, e.createdAt]);
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(rows()), client.query(copyFrom(sql)));
  const seconds = (performance.now() - t0) / 1000;
  const { rows: counted } = await client.query<{ n: string }>("SELECT count(*) AS n FROM bench_copy_events");
  if (Number(counted[0]!.n) !== events.length) throw new Error("COPY stored a different number of rows");
  return events.length / seconds;
}

let server: ChildProcess | undefined;
const admin = new pg.Client({ connectionString: adminUrl });

async function main() {
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  log(`database ${dbName} created on ${new URL(adminUrl).host}`);
  const db = openDatabase({ kind: "postgres", url: dbUrl });
  await migrate(db);
  await db.close();

  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  if (!SKIP_BUILD) {
    log(`building into ${DIST_DIR} …`);
    const build = spawnSync(process.execPath, [next, "build"], { stdio: ["ignore", "ignore", "inherit"], env: childEnv });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const profileArgs = SERVER_CPU_PROF_DIR ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(SERVER_CPU_PROF_DIR)] : [];
  const command = WORKERS ? ["scripts/start.mjs"] : [...profileArgs, next, "start", "--port", String(PORT), "--hostname", "127.0.0.1"];
  const started = spawn(process.execPath, command, {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...childEnv,
      ...(WORKERS ? { WEB_CONCURRENCY: String(WORKERS), PORT: String(PORT) } : {}),
      DATABASE_URL: dbUrl,
      INGEST_KEYS: KEY,
      // The benchmark measures throughput, not the limiter.
      INGEST_RATE_LIMIT_PER_SECOND: "1000000",
      INGEST_RATE_LIMIT_BURST: "1000000",
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
    },
  });
  server = started;
  // npm start migrates and prepares (tsx, the schema engine) before its workers listen.
  await waitForServer(started, PORT, WORKERS ? 600_000 : 120_000);
  const idleRss = treeRssBytes(started.pid!);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssBytes(started.pid!))), 100);

  // Warm-up (JIT, connection pool, prepared plans), not counted.
  await sendAll(makeEvents(Math.min(10 * BATCH, EVENTS), 0));
  const events = makeEvents(EVENTS, 1);
  log(`sending ${fmt(EVENTS)} events in batches of ${BATCH}, ${CONCURRENCY} at a time …`);
  const cpu0 = treeCpuSeconds(started.pid!);
  const t0 = performance.now();
  const acknowledged = await sendAll(events);
  const httpSeconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = treeCpuSeconds(started.pid!) - cpu0;
  const httpRate = EVENTS / httpSeconds;

  const ids = acknowledged.flat();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  if (ids.length !== EVENTS || ids.some((id, i) => id !== events[i]!.id)) throw new Error("the acknowledged ids are not the ids sent, in order");
  const { rows: stored } = await client.query<{ n: string }>("SELECT count(*) AS n FROM event_logs WHERE id = ANY($1::text[])", [ids]);
  if (Number(stored[0]!.n) !== EVENTS) throw new Error(`only ${stored[0]!.n} of ${EVENTS} acknowledged events are stored`);
  log(`all ${fmt(EVENTS)} acknowledged ids are stored`);

  log(`COPY of the same rows into a scratch table with the same indexes …`);
  const copyRate = await copyBaseline(client, events);
  await client.end();

  const ingestRss = peakRss;
  log(`single-error POSTs at ${LATENCY_RATE}/s for ${LATENCY_SECONDS} s …`);
  const latency = await measureLatency();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, treeRssBytes(started.pid!));

  const ratio = httpRate / copyRate;
  console.log("");
  console.log(`HTTP ingestion     ${fmt(httpRate)} events/s  (${fmt(EVENTS)} events, batches of ${BATCH}, concurrency ${CONCURRENCY}, ${fmt(httpSeconds, 1)} s, server NODE_OPTIONS="${SERVER_NODE_OPTIONS}")`);
  console.log(`server CPU         ${fmt((serverCpuSeconds * 1e6) / EVENTS, 1)} µs per event  (${fmt(serverCpuSeconds, 1)} s in ${fmt(httpSeconds, 1)} s: ${fmt((100 * serverCpuSeconds) / httpSeconds)}% of one core)`);
  console.log(`COPY baseline      ${fmt(copyRate)} rows/s`);
  console.log(`ratio              ${fmt(ratio, 2)}× COPY  (target ≥ 0.50×: ${ratio >= 0.5 ? "met" : "NOT met"})`);
  const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
  console.log(`server peak RSS    ${mb(peakRss)}  (idle ${mb(idleRss)}, batch ingestion ${mb(ingestRss)}; target < 300 MB: ${peakRss < 300 * 1024 * 1024 ? "met" : "NOT met"})`);
  console.log(`machine            ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")} at the end`);
  console.log(`single-error POST  p50 ${fmt(latency.p50, 1)} ms, p99 ${fmt(latency.p99, 1)} ms, max ${fmt(latency.max, 1)} ms  (${fmt(latency.sent)} requests at ${fmt(latency.achievedRate)}/s, failed: ${latency.failed})`);

  if (SOAK_SECONDS) {
    const soakClient = new pg.Client({ connectionString: dbUrl });
    await soakClient.connect();
    try {
      await soak(started, soakClient);
    } finally {
      await soakClient.end();
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  server?.kill("SIGTERM");
  if (server && server.exitCode === null) await new Promise((r) => server!.once("exit", r));
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
}
