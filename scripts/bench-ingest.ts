// npm run bench:ingest — the ingestion API's throughput against PostgreSQL's own bulk
// path, in one run on one machine:
//   1. a fresh database on the local server (BENCH_ADMIN_URL, default
//      postgresql://postgres@127.0.0.1:5432/postgres), migrated;
//   2. the production server (`next build` into .next-bench, then one server process as
//      `npm start` runs it: scripts/server-worker.mjs) on it;
//   3. N events over HTTP in batches of 500, `--concurrency` requests at a time, then a
//      check that every acknowledged id is stored;
//   4. a raw COPY of the same rows into a scratch table with the same indexes and
//      foreign keys — the baseline;
//   5. single-error POSTs at 200 requests/s (open loop) for their p50/p99 latency;
//   6. the server's peak RSS throughout.
// A benchmark, not a test: `npm test` never runs it.
//   npm run bench:ingest -- [--events 200000] [--concurrency 4] [--latency-seconds 15] [--skip-build]
//                           [--server-node-options "--max-old-space-size=256"] [--server-cpu-prof DIR]
//                           [--soak-seconds 300] [--workers N] [--no-front-gate]
// --workers N: the server is `npm start`'s supervisor with WEB_CONCURRENCY=N workers
// (scripts/start.mjs) instead of one `next start`; CPU and RSS count all of them.
//   npm run bench:ingest -- --flood [--flood-seconds 30] [--flood-connections 100] [--flood-bogus 50]
//     (flood mode instead: see runFlood below)
//                           [--soak-seconds 300] [--protocols] [--protocol-records 50000]
// --protocols: afterwards, OTLP-protobuf and Sentry-envelope modes (benchProtocolModes below).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
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
import { create, toBinary } from "@bufbuild/protobuf";
import { ExportLogsServiceRequestSchema } from "@/lib/ingest/otlp/gen/logdeck/otlp/v1/otlp_pb";
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
const PROTOCOLS = args.includes("--protocols");
const NO_FRONT_GATE = args.includes("--no-front-gate");
const PROTOCOL_RECORDS = parsePositiveInt("--protocol-records", flag("protocol-records"), 50_000);
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
  return processRssBytes(rootPid).reduce((total, rss) => total + rss, 0);
}

/** Resident memory of each process of the server's tree (`next start` is a CLI process and the server under it). */
function processRssBytes(rootPid: number): number[] {
  const sizes: number[] = [];
  for (const pid of processTree(rootPid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) sizes.push(Number(match[1]) * 1024);
    } catch {}
  }
  return sizes;
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

// ---------------------------------------------------------------------------------------
// Flood mode (--flood; issue #11 items 2 and 7): many clients at once, within the
// documented limits, against the production server with its heap caps:
//   - --flood-connections clients (default 100) each sending ~1 MiB batches of 1,000 events
//     back to back, spread over 4 keys (each inside its burst), resending at once after a
//     503 (the worst well-formed client: no back-off);
//   - --flood-bogus clients (default 50) sending small batches with random keys;
//   - a signed-in user loading the home page and /account every 250 ms, before the flood
//     (baseline) and during it.
// Printed: the server's peak RSS (and whether it lived), status counts per kind of client,
// events stored, and the dashboard's latency idle and under the flood.
// ---------------------------------------------------------------------------------------
const FLOOD = args.includes("--flood");
const FLOOD_SECONDS = parsePositiveInt("--flood-seconds", flag("flood-seconds"), 30);
const FLOOD_CONNECTIONS = parsePositiveInt("--flood-connections", flag("flood-connections"), 100);
const FLOOD_BOGUS = flag("flood-bogus") === "0" ? 0 : parsePositiveInt("--flood-bogus", flag("flood-bogus"), 50);
const FLOOD_KEYS = Array.from({ length: 4 }, (_, i) => `${KEY}-flood-${i}`);
const FLOOD_AUTH_SECRET = randomBytes(32).toString("hex");
// The server's V8 heap, as scripts/bench-heap-probe.cjs (loaded into it) writes it.
const HEAP_PROBE_FILE = path.join(os.tmpdir(), `logdeck-bench-heap-${process.pid}.json`);

/** A session for a new member, written straight into the database, as the cookie better-auth signs. */
async function floodSessionCookie(client: pg.Client): Promise<string> {
  const userId = newId();
  const token = randomBytes(24).toString("base64url");
  await client.query(`INSERT INTO users (id, name, email, email_verified, role, created_at, updated_at) VALUES ($1, 'Flood Watcher', 'flood-watcher@example.test', true, 'member', now(), now())`, [userId]);
  await client.query(`INSERT INTO sessions (id, token, user_id, expires_at, created_at, updated_at) VALUES ($1, $2, $3, now() + interval '1 day', now(), now())`, [newId(), token, userId]);
  const signature = createHmac("sha256", FLOOD_AUTH_SECRET).update(token).digest("base64");
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

interface PageSample {
  ms: number;
  status: number | "network";
}

// The watcher runs in a process of its own: the flood's clients keep this one's event loop
// busy, which would be counted as the dashboard's latency.
const WATCHER = `
const [port, cookie, seconds] = process.argv.slice(1);
const samples = [];
const deadline = performance.now() + Number(seconds) * 1000;
(async () => {
  for (let i = 0; performance.now() < deadline; i++) {
    const pathname = i % 2 ? "/account" : "/";
    const t0 = performance.now();
    const status = await fetch("http://127.0.0.1:" + port + pathname, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(30000) }).then(
      async (r) => (await r.arrayBuffer(), r.status),
      () => "network",
    );
    samples.push({ ms: performance.now() - t0, status });
    await new Promise((r) => setTimeout(r, 250));
  }
  process.stdout.write(JSON.stringify(samples));
})();
`;

/** Loads the home page and /account in turn, one at a time every 250 ms, for `seconds`. */
function watchDashboard(cookie: string, seconds: number): Promise<PageSample[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", WATCHER, String(PORT), cookie, String(seconds)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", () => {
      try {
        resolve(JSON.parse(out) as PageSample[]);
      } catch (error) {
        reject(error);
      }
    });
  });
}

function describePages(samples: PageSample[]): string {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ok[Math.min(ok.length - 1, Math.floor(q * ok.length))] ?? NaN;
  const other = samples.filter((s) => s.status !== 200);
  const counts = new Map<string, number>();
  for (const s of other) counts.set(String(s.status), (counts.get(String(s.status)) ?? 0) + 1);
  return `${samples.length} loads, p50 ${fmt(at(0.5))} ms, p95 ${fmt(at(0.95))} ms, max ${fmt(ok.at(-1) ?? NaN)} ms; not 200: ${other.length ? [...counts].map(([k, n]) => `${n} × ${k}`).join(", ") : "none"}`;
}

async function runFlood(server: ChildProcess, client: pg.Client): Promise<void> {
  const cookie = await floodSessionCookie(client);
  const probe = await fetch(`http://127.0.0.1:${PORT}/api/auth/get-session`, { headers: { cookie } }).then((r) => r.json() as Promise<{ user?: { email: string } } | null>);
  if (probe?.user?.email !== "flood-watcher@example.test") throw new Error("flood: the watcher's session cookie is not accepted");

  let stop = false;
  log(`flood: dashboard baseline for 10 s …`);
  const baseline = await watchDashboard(cookie, 10);

  // The heap cap holds per process: the largest process's RSS is the figure to hold against it.
  let peakRss = 0;
  let peakProcessRss = 0;
  const idleRss = treeRssBytes(server.pid!);
  const idleProcessRss = Math.max(...processRssBytes(server.pid!));
  const sampler = setInterval(() => {
    const sizes = processRssBytes(server.pid!);
    peakRss = Math.max(peakRss, sizes.reduce((a, b) => a + b, 0));
    peakProcessRss = Math.max(peakProcessRss, ...sizes);
  }, 100);
  const statuses = { batch: new Map<string, number>(), bogus: new Map<string, number>() };
  const count = (kind: "batch" | "bogus", status: string) => statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
  let acknowledged = 0;
  // ~0.95 MiB: inside INGEST_MAX_BODY_BYTES (1 MiB) with its defaults.
  const padding = "x".repeat(740);
  // One body, made once (the client's CPU is not what is measured), without ids: the server makes them.
  const template = JSON.stringify({ events: makeEvents(1000, 0).map(({ id: _id, ...e }) => ({ ...e, payload: { ...e.payload, note: padding } })) });
  log(`flood: ${FLOOD_CONNECTIONS} clients sending ${fmt(template.length / 1048576, 2)} MiB batches of 1,000 events and ${FLOOD_BOGUS} with random keys, for ${FLOOD_SECONDS} s …`);
  const batchClient = async (c: number) => {
    for (let n = 0; !stop; n++) {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${FLOOD_KEYS[c % FLOOD_KEYS.length]}`, "content-type": "application/json" },
        body: template,
        signal: AbortSignal.timeout(120_000),
      }).then(async (r) => (await r.arrayBuffer(), r.status), () => "network" as const);
      count("batch", String(res));
      if (res === 201) acknowledged += 1000;
      if (res === "network") await new Promise((r) => setTimeout(r, 100));
    }
  };
  const bogusClient = async () => {
    const small = JSON.stringify({ events: makeEvents(5, 0).map(({ id: _id, ...e }) => e) });
    while (!stop) {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ldk_${randomBytes(24).toString("base64url")}`, "content-type": "application/json" },
        body: small,
        signal: AbortSignal.timeout(120_000),
      }).then(async (r) => (await r.arrayBuffer(), r.status), () => "network" as const);
      count("bogus", String(res));
      if (res === "network") await new Promise((r) => setTimeout(r, 100));
    }
  };
  const t0 = performance.now();
  const cpu0 = treeCpuSeconds(server.pid!);
  const clients = [...Array.from({ length: FLOOD_CONNECTIONS }, (_, c) => batchClient(c)), ...Array.from({ length: FLOOD_BOGUS }, bogusClient)];
  const during = watchDashboard(cookie, FLOOD_SECONDS);
  await during.then(() => (stop = true));
  const flooding = await during;
  await Promise.all(clients);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = treeCpuSeconds(server.pid!) - cpu0;
  clearInterval(sampler);
  const alive = server.exitCode === null && server.signalCode === null;
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM event_logs");
  const heapCap = /--max-old-space-size=(\d+)/.exec(SERVER_NODE_OPTIONS)?.[1];
  await new Promise((r) => setTimeout(r, 500));
  const heap = JSON.parse(readFileSync(HEAP_PROBE_FILE, "utf8")) as { usedBytes: number; committedBytes: number; limitBytes: number; externalBytes: number };
  const describe = (m: Map<string, number>) => [...m].sort().map(([k, n]) => `${fmt(n)} × ${k}`).join(", ");
  console.log("");
  console.log(`flood              ${fmt(seconds, 1)} s, ${FLOOD_CONNECTIONS} batch clients + ${FLOOD_BOGUS} bogus-key clients, ${NO_FRONT_GATE ? "plain next start (no front gate)" : "front gate"}; server ${alive ? "alive" : `DIED (${server.exitCode ?? server.signalCode})`}; server CPU ${fmt((100 * cpu) / seconds)}% of one core`);
  console.log(`flood peak RSS     server process ${fmt(peakProcessRss / 1048576)} MB (idle ${fmt(idleProcessRss / 1048576)} MB; old-space cap ${heapCap ?? "?"} MB; NODE_OPTIONS="${SERVER_NODE_OPTIONS}"); all processes ${fmt(peakRss / 1048576)} MB (idle ${fmt(idleRss / 1048576)} MB)`);
  console.log(`flood V8 heap      peak used ${fmt(heap.usedBytes / 1048576)} MB, committed ${fmt(heap.committedBytes / 1048576)} MB, of its ${fmt(heap.limitBytes / 1048576)} MB limit (${fmt((100 * heap.usedBytes) / heap.limitBytes)}% at the peak); external ${fmt(heap.externalBytes / 1048576)} MB`);
  console.log(`flood batches      ${describe(statuses.batch)}; ${fmt(acknowledged)} events acknowledged (${fmt(acknowledged / seconds)}/s), ${fmt(Number(rows[0]!.n))} stored`);
  console.log(`flood bogus keys   ${describe(statuses.bogus)}`);
  console.log(`dashboard idle     ${describePages(baseline)}`);
  console.log(`dashboard flooded  ${describePages(flooding)}`);
  console.log(`machine            ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")} at the end`);
  if (!alive) throw new Error("flood: the server died");
}
// ---------------------------------------------------------------------------------------

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
  // One server process as `npm start` runs it (scripts/server-worker.mjs: Next.js behind the
  // front gate), or npm start's supervisor with --workers.
  // --no-front-gate: plain `next start` instead, to measure what the gate changes.
  const command = WORKERS ? ["scripts/start.mjs"] : NO_FRONT_GATE ? [...profileArgs, next, "start", "--port", String(PORT)] : [...profileArgs, "scripts/server-worker.mjs"];
  const started = spawn(process.execPath, command, {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...childEnv,
      PORT: String(PORT),
      ...(WORKERS ? { WEB_CONCURRENCY: String(WORKERS) } : {}),
      DATABASE_URL: dbUrl,
      INGEST_KEYS: [KEY, ...FLOOD_KEYS].join(","),
      AUTH_SECRET: FLOOD_AUTH_SECRET,
      // The benchmark measures throughput, not the limiter; the flood runs with the documented defaults.
      ...(FLOOD ? {} : { INGEST_RATE_LIMIT_PER_SECOND: "1000000", INGEST_RATE_LIMIT_BURST: "1000000" }),
      NODE_OPTIONS: FLOOD ? `${SERVER_NODE_OPTIONS} --require ./scripts/bench-heap-probe.cjs` : SERVER_NODE_OPTIONS,
      ...(FLOOD ? { LOGDECK_HEAP_PROBE_FILE: HEAP_PROBE_FILE } : {}),
    },
  });
  server = started;
  // npm start migrates and prepares (tsx, the schema engine) before its workers listen.
  await waitForServer(started, PORT, WORKERS ? 600_000 : 120_000);
  if (FLOOD) {
    const floodClient = new pg.Client({ connectionString: dbUrl });
    await floodClient.connect();
    try {
      return await runFlood(started, floodClient);
    } finally {
      await floodClient.end();
    }
  }
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

  if (PROTOCOLS) await benchProtocolModes({ serverPid: started.pid!, jsonCpuMicrosPerEvent: (serverCpuSeconds * 1e6) / EVENTS });

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

// ---------------------------------------------------------------------------------------
// OTLP-protobuf and Sentry-envelope modes (--protocols; owned by the protocol receivers).
// The same kind of rows as the JSON path, sent the way OpenTelemetry SDKs and Sentry SDKs
// send them: OTLP batches of BATCH records (protobuf), one event per Sentry envelope. The
// OTLP figure is compared with COPY of the very rows it stored (read back with COPY TO),
// so the baseline carries the same payloads.

async function benchProtocolModes({ serverPid, jsonCpuMicrosPerEvent }: { serverPid: number; jsonCpuMicrosPerEvent: number }): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const records = PROTOCOL_RECORDS;
    const bodies: Uint8Array[] = [];
    for (let start = 0; start < records; start += BATCH) {
      const count = Math.min(BATCH, records - start);
      const now = BigInt(Date.now()) * 1_000_000n;
      const message = create(ExportLogsServiceRequestSchema, {
        resourceLogs: [
          {
            resource: { attributes: [{ key: "service.name", value: { value: { case: "stringValue", value: `otlp_bench_${start % 10}` } } }] },
            scopeLogs: [
              {
                scope: { name: "bench", version: "1" },
                logRecords: Array.from({ length: count }, (_, i) => {
                  const n = start + i;
                  return {
                    timeUnixNano: now - BigInt(count - i) * 10_000_000n,
                    severityNumber: 9,
                    severityText: "INFO",
                    eventName: TYPES[n % TYPES.length]!,
                    body: { value: { case: "stringValue" as const, value: `step ${n % 1000}` } },
                    attributes: [
                      { key: "logdeck.run_id", value: { value: { case: "stringValue" as const, value: `otlp_bench_run_${n % 200}` } } },
                      { key: "step", value: { value: { case: "intValue" as const, value: BigInt(n % 1000) } } },
                      { key: "durationMs", value: { value: { case: "intValue" as const, value: BigInt((n * 7) % 5000) } } },
                      { key: "model", value: { value: { case: "stringValue" as const, value: "atlas-flood" } } },
                      ...(n % 3 === 0 ? [{ key: "user.id", value: { value: { case: "stringValue" as const, value: `user_${n % 50}` } } }] : []),
                    ],
                  };
                }),
              },
            ],
          },
        ],
      });
      bodies.push(toBinary(ExportLogsServiceRequestSchema, message));
    }
    log(`OTLP protobuf: ${fmt(records)} log records in ${bodies.length} exports of up to ${BATCH}, ${CONCURRENCY} at a time …`);
    const otlp = await sendBodies(serverPid, bodies, "/v1/logs", "application/x-protobuf", (status) => status === 200);
    const { rows: stored } = await client.query<{ n: string }>("SELECT count(*) AS n FROM event_logs WHERE project_id LIKE 'otlp_bench_%'");
    if (Number(stored[0]!.n) !== records) throw new Error(`OTLP: ${stored[0]!.n} of ${records} records stored`);
    const copyRate = await copyStoredRows(client, "otlp_bench_%");

    const envelopes: Uint8Array[] = [];
    const { rows: projects } = await client.query<{ dsn_id: number }>("INSERT INTO projects (id, name) VALUES ('sentry_bench', 'sentry_bench') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING dsn_id");
    const sentryEvents = Math.max(1, Math.floor(records / 10));
    for (let n = 0; n < sentryEvents; n++) {
      const eventId = randomUUID().replace(/-/g, "");
      const event = JSON.stringify({
        event_id: eventId,
        timestamp: Date.now() / 1000,
        level: "error",
        platform: "javascript",
        exception: { values: [{ type: "TypeError", value: `x is undefined (${n})`, stacktrace: { frames: [{ filename: "app.js", function: "main", lineno: 1, colno: 1 }, { filename: "app.js", function: "step", lineno: 20, colno: 7 }] } }] },
        tags: { "logdeck.run_id": `sentry_bench_run_${n % 50}` },
        contexts: { trace: { trace_id: randomUUID().replace(/-/g, "") } },
        request: { url: "https://app.example/api/simulate" },
      });
      envelopes.push(new TextEncoder().encode(`{"event_id":"${eventId}"}\n{"type":"event","length":${Buffer.byteLength(event)}}\n${event}\n`));
    }
    log(`Sentry envelopes: ${fmt(sentryEvents)} events, one per envelope (as the SDKs send), ${CONCURRENCY} at a time …`);
    const sentry = await sendBodies(serverPid, envelopes, `/api/${projects[0]!.dsn_id}/envelope/?sentry_key=${KEY}`, "text/plain;charset=UTF-8", (status) => status === 200);

    const ratio = otlp.rate / copyRate;
    console.log("");
    console.log(`OTLP protobuf      ${fmt(otlp.rate)} records/s  (${fmt(records)} records, exports of ${BATCH}, concurrency ${CONCURRENCY}, ${fmt(otlp.seconds, 1)} s)`);
    console.log(`server CPU         ${fmt(otlp.cpuMicrosPerItem, 1)} µs per OTLP record  (JSON API: ${fmt(jsonCpuMicrosPerEvent, 1)} µs per event)`);
    console.log(`COPY of the same   ${fmt(copyRate)} rows/s  (the rows OTLP stored, read back with COPY TO)`);
    console.log(`ratio              ${fmt(ratio, 2)}× COPY  (target ≥ 0.50×: ${ratio >= 0.5 ? "met" : "NOT met"})`);
    console.log(`Sentry envelopes   ${fmt(sentry.rate)} events/s  (${fmt(sentryEvents)} envelopes of one event, concurrency ${CONCURRENCY}); server CPU ${fmt(sentry.cpuMicrosPerItem, 1)} µs per event`);
  } finally {
    await client.end();
  }
}

/** Posts each body once (retrying 429/503), CONCURRENCY at a time: the rate and the server's CPU per body's items. */
async function sendBodies(serverPid: number, bodies: Uint8Array[], pathname: string, contentType: string, ok: (status: number) => boolean): Promise<{ rate: number; seconds: number; cpuMicrosPerItem: number }> {
  const items = pathname.startsWith("/v1/") ? PROTOCOL_RECORDS : bodies.length;
  let next = 0;
  const cpu0 = treeCpuSeconds(serverPid);
  const t0 = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`http://127.0.0.1:${PORT}${pathname}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": contentType }, body: bodies[index]! as unknown as BodyInit });
        const text = await response.text();
        if (ok(response.status)) break;
        if (attempt > 5 || (response.status !== 503 && response.status !== 429)) throw new Error(`${pathname} #${index}: HTTP ${response.status} ${text.slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { rate: items / seconds, seconds, cpuMicrosPerItem: ((treeCpuSeconds(serverPid) - cpu0) * 1e6) / items };
}

/** COPY rate for the rows a protocol stored: read back with COPY TO, written into a scratch table like event_logs. */
async function copyStoredRows(client: pg.Client, projectPattern: string): Promise<number> {
  const columns = "id, event_type, payload, project_id, run_id, user_id, actor_type, actor_id, created_at";
  const { to: copyTo } = await import("pg-copy-streams");
  const chunks: Buffer[] = [];
  const out = client.query(copyTo(`COPY (SELECT ${columns} FROM event_logs WHERE project_id LIKE '${projectPattern.replace(/'/g, "''")}') TO STDOUT`));
  for await (const chunk of out) chunks.push(chunk as Buffer);
  const rowCount = Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean).length;
  await client.query("CREATE TABLE bench_copy_protocol (LIKE event_logs INCLUDING ALL)");
  await client.query("ALTER TABLE bench_copy_protocol ADD FOREIGN KEY (project_id) REFERENCES projects(id), ADD FOREIGN KEY (run_id) REFERENCES runs(id)");
  const t0 = performance.now();
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY bench_copy_protocol (${columns}) FROM STDIN`)));
  return rowCount / ((performance.now() - t0) / 1000);
}
// ---------------------------------------------------------------------------------------

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
