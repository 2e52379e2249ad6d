// The server Playwright tests against: a fresh embedded database in a temporary folder,
// seeded with demo data and the named fixtures, and a fresh production build.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E } from "./fixtures";

const port = process.env.E2E_PORT ?? "3210";
const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-e2e-"));
// A build folder per port, so parallel runs on one machine never share a build.
const distDir = `.next-e2e-${port}`;
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
process.env.ADMIN_EMAIL = E2E.adminEmail;
process.env.ADMIN_PASSWORD = E2E.adminPassword;
// Known, so e2e/auth-guard.spec.ts can sign a cookie for the expired-session fixture.
process.env.AUTH_SECRET = E2E.auth.secret;
process.env.INGEST_KEYS = E2E.ingestKey;
// Playwright connects from loopback as a proxy would: tests give themselves client addresses
// of their own with X-Forwarded-For (without a trusted proxy, the server takes the peer's).
process.env.TRUST_PROXY = "127.0.0.1";
// e2e/ingest-protocols.spec.ts serves a page on this second origin that sends with @sentry/browser.
process.env.CORS_ORIGINS = `http://127.0.0.1:${Number(port) + 2000}`;

const { database, closeDatabase } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { loadSeed } = await import("@/lib/seed/load-seed");
const { loadFixtures } = await import("./load-fixtures");
const { ensureFirstAdmin } = await import("@/lib/auth/ensure-first-admin");

const db = database();
await migrate(db);
await ensureFirstAdmin();
await loadSeed(db, { events: 3_000, days: 120, seed: 7 });
await loadFixtures(db);
await closeDatabase();

const next = path.join("node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Served as `npm start` serves it: Next.js behind logdeck's front gate (scripts/server-worker.mjs).
const worker = path.join("scripts", "server-worker.mjs");
const server = spawn(process.execPath, [worker], { stdio: "inherit", env });
// The same build again, pointed at a PostgreSQL port where nothing listens: what users see
// while the database is down (e2e/database-outage.spec.ts). Its log is not interesting.
const outagePort = String(Number(port) + 1000);
const outage = spawn(process.execPath, [worker], {
  stdio: "ignore",
  env: { ...env, PORT: outagePort, DATABASE_URL: "postgresql://logdeck@127.0.0.1:1/logdeck" },
});
const stop = () => {
  outage.kill("SIGTERM");
  server.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  outage.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
