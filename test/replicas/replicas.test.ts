// Several instances, one primary, one streaming standby — on real servers: a primary and
// a standby made with initdb and pg_basebackup -R on throwaway ports, and two logdeck
// instances started with `npm start` (one of them with two workers). Run with
// `npm run test:replicas`; .ci/run runs it. Skipped, saying why, where the PostgreSQL
// server binaries are missing.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppInstance } from "./app-instance";
import { Cluster, findPostgresBinaries, freePort } from "./pg-cluster";

const binaries = findPostgresBinaries();
if ("missing" in binaries) {
  // CI (.ci/run) sets REPLICAS_REQUIRED: there a skip would hide a broken set-up.
  if (process.env.REPLICAS_REQUIRED === "1") throw new Error(`replica suite cannot run: ${binaries.missing}`);
  console.warn(`replica suite skipped: ${binaries.missing}`);
}

// One key per test: each has its own rate limit.
const KEY = "replica-suite-ingest-key";
const RATE_KEY = "replica-suite-rate-key";
const KILL_KEY = "replica-suite-kill-key";
const ADMIN = { email: "admin@replicas.test", password: "replica-suite-password-1" };
const DIST_DIR = process.env.REPLICAS_NEXT_DIST_DIR ?? ".next-replicas";
const BURST = 20;

describe.skipIf("missing" in binaries)("several instances on a primary and a streaming standby", () => {
  let primary: Cluster;
  let standby: Cluster;
  let a: AppInstance;
  let b: AppInstance;
  let dataDir: string;
  let cookie: string;
  const runId = `run-${randomUUID()}`;

  const query = async <R extends pg.QueryResultRow>(cluster: Cluster, text: string, values: unknown[] = []): Promise<R[]> => {
    const client = new pg.Client({ connectionString: cluster.url("logdeck") });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  // event_logs is partitioned by week: its scans are counted on its partitions.
  const scansOn = async (cluster: Cluster): Promise<number> => {
    const [row] = await query<{ scans: string }>(
      cluster,
      `SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::text AS scans FROM pg_stat_user_tables
       WHERE relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'event_logs'::regclass) OR relname = 'event_logs'`,
    );
    return Number(row!.scans);
  };
  // Index and sequential scans of event_logs on each server: only reads of the log table
  // count there (the replica checks read no table).
  const eventLogScans = async (): Promise<{ primary: number; standby: number }> => {
    // A backend that stays connected (a pooled one) reports its statistics when it has
    // been idle for 10 s (PGSTAT_IDLE_INTERVAL) at the latest.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    return { primary: await scansOn(primary), standby: await scansOn(standby) };
  };
  // A client's timeout, as logdeck's own and the OpenTelemetry exporters have: a connection
  // the supervisor was handing to a worker that is then killed goes unanswered, not reset.
  const ingest = (instance: AppInstance, events: unknown[], key = KEY) =>
    fetch(`${instance.url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(30_000),
    });
  const timelinePage = (instance: AppInstance) => fetch(`${instance.url}/runs/${runId}`, { headers: { cookie } });

  beforeAll(async () => {
    if ("missing" in binaries) return;
    if (!existsSync(path.join(DIST_DIR, "BUILD_ID")) || process.env.REPLICAS_SKIP_BUILD !== "1") {
      const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" } });
      if (build.status !== 0) throw new Error("next build failed");
    }
    primary = await Cluster.primary(binaries.bin);
    await new Promise<void>((resolve, reject) => {
      const admin = new pg.Client({ connectionString: primary.url() });
      admin.connect().then(() => admin.query("CREATE DATABASE logdeck")).then(() => admin.end()).then(resolve, reject);
    });
    standby = await Cluster.standbyOf(primary);
    dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-replica-app-"));
    const [portA, portB] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: primary.url("logdeck"),
      DATABASE_REPLICA_URLS: standby.url("logdeck"),
      DATABASE_REPLICA_MAX_LAG_SECONDS: "10",
      // What every instance of one deployment shares.
      AUTH_SECRET: "replica-suite-auth-secret-0123456789abcdef",
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      INGEST_KEYS: [KEY, RATE_KEY, KILL_KEY].join(","),
      INGEST_RATE_LIMIT_PER_SECOND: "1",
      INGEST_RATE_LIMIT_BURST: String(BURST),
      NEXT_DIST_DIR: DIST_DIR,
      DATA_DIR: dataDir,
    };
    // Started together: both migrate at once at start.
    a = AppInstance.start(portA, { ...env, WEB_CONCURRENCY: "2" });
    b = AppInstance.start(portB, { ...env, WEB_CONCURRENCY: "1" });
    await Promise.all([a.waitUntilHealthy(), b.waitUntilHealthy()]);
    // Signed in through better-auth's API in this process, on the same database and
    // AUTH_SECRET: the cookie is valid on both instances, as behind a load balancer.
    Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, AUTH_SECRET: env.AUTH_SECRET, PUBLIC_URL: env.PUBLIC_URL });
    const { signInHeaders } = await import("@/test/session-cookie");
    cookie = (await signInHeaders(ADMIN)).get("cookie")!;
  }, 900_000);

  afterAll(async () => {
    const { closeDatabase } = await import("@/lib/db/client");
    await closeDatabase();
    a?.stop();
    b?.stop();
    standby?.remove();
    primary?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrated once though two instances started at once", async () => {
    const rows = await query<{ migration_name: string }>(primary, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    const names = rows.map((row) => row.migration_name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it("writes to the primary and reads the dashboard from the standby, on either instance", async () => {
    const events = [{ id: `e-${randomUUID()}`, eventType: "REPLICA_READ_CHECK", runId, projectId: "replicas" }];
    expect((await ingest(a, events)).status).toBe(201);
    expect(await query(primary, "SELECT id FROM event_logs WHERE id = $1", [events[0]!.id])).toHaveLength(1);
    // The standby has it once replay catches up (milliseconds here).
    for (let i = 0; i < 100 && (await query(standby, "SELECT id FROM event_logs WHERE id = $1", [events[0]!.id])).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const health = (await (await fetch(`${a.url}/api/health`)).json()) as { replicas: { state: string }[] };
    expect(health.replicas.map((replica) => replica.state)).toEqual(["ok"]);

    const before = await eventLogScans();
    for (const instance of [a, b, a, b]) {
      const page = await timelinePage(instance);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("REPLICA_READ_CHECK");
    }
    const after = await eventLogScans();
    expect(after.standby).toBeGreaterThanOrEqual(before.standby + 4);
    expect(after.primary).toBe(before.primary);
  });

  it("holds one key's rate limit across both instances", async () => {
    // The key spends its whole allowance on instance A …
    let allowedOnA = 0;
    let refusal: Response;
    while ((refusal = await ingest(a, [{ eventType: "RATE" }], RATE_KEY)).status === 201) allowedOnA++;
    // A failure says what ended the burst and, for a 500, what the instance printed.
    expect(allowedOnA, `then HTTP ${refusal.status}: ${await refusal.text()}${refusal.status >= 500 ? `\n--- instance A's output (last 4,000 characters):\n${a.log.slice(-4_000)}` : ""}`).toBeGreaterThanOrEqual(BURST);
    // … and instance B, which it never called, refuses it too: counted alone, B would have
    // a whole burst for it. The shared bucket refills at 1 a second meanwhile, so B may
    // take one request per second gone since A's refusal (a cold B took over a second to
    // answer its first on a slow machine), never a burst.
    const spentAt = performance.now();
    const onB = await Promise.all(Array.from({ length: BURST / 2 }, () => ingest(b, [{ eventType: "RATE" }], RATE_KEY)));
    const refilled = Math.ceil((performance.now() - spentAt) / 1000);
    const accepted = onB.filter((response) => response.status === 201).length;
    expect(onB.every((response) => response.status === 201 || response.status === 429)).toBe(true);
    expect(accepted, `${accepted} of ${onB.length} accepted on B, ${refilled} s after A's refusal`).toBeLessThanOrEqual(Math.min(refilled, BURST / 2 - 1));
    expect(Number(onB.find((response) => response.status === 429)!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("loses nothing it acknowledged when an instance is killed mid-ingestion, and the supervisor restarts it", async () => {
    const [worker] = b.workerPids();
    const acknowledged: string[] = [];
    let failed = 0;
    const send = async (n: number) => {
      const ids = Array.from({ length: 20 }, (_, i) => `kill-${n}-${i}-${randomUUID()}`);
      try {
        const response = await ingest(b, ids.map((id) => ({ id, eventType: "KILL_CHECK", runId })), KILL_KEY);
        if (response.status === 201) acknowledged.push(...((await response.json()) as { ids: string[] }).ids);
        else failed++;
      } catch {
        failed++;
      }
    };
    const inFlight = Array.from({ length: 4 }, (_, n) => send(n));
    await inFlight[0];
    process.kill(worker!, "SIGKILL");
    await Promise.all([...inFlight, send(10), send(11)]);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    const stored = await query<{ id: string }>(primary, "SELECT id FROM event_logs WHERE id = ANY($1)", [acknowledged]);
    expect(stored.map((row) => row.id).sort()).toEqual([...acknowledged].sort());

    await b.waitUntilHealthy(60_000);
    expect(b.log).toMatch(new RegExp(`server worker ${worker} killed with SIGKILL .*; starting another`));
  });

  it("reads from the primary, without an error, once the standby stops; health says so", async () => {
    const primaryScans = async () => {
      await new Promise((resolve) => setTimeout(resolve, 11_000)); // as in eventLogScans()
      return scansOn(primary);
    };
    const primaryBefore = await primaryScans();
    standby.stop();
    for (const instance of [a, b, a, b]) {
      const page = await timelinePage(instance);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("REPLICA_READ_CHECK");
    }
    expect(await primaryScans()).toBeGreaterThanOrEqual(primaryBefore + 4);
    const health = await fetch(`${a.url}/api/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; replicas: { name: string; state: string }[] };
    expect(body).toMatchObject({ status: "ok", replicas: [{ name: `127.0.0.1:${standby.port}/logdeck`, state: "down" }] });
  });
});
