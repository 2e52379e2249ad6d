// What `npm start` / `npm run demo` do before the server starts (scripts/start.mjs runs
// this, then `next start`): check the configuration, prepare the database, build if there
// is no build. Then this process exits, so that none of its tooling (tsx, Prisma's schema
// engine, the database client) stays resident beside the server.
//
// The database is closed again before Next opens it: embedded PGlite admits one process
// at a time. Closing releases DATA_DIR's lock (lib/db/data-dir-lock.ts), which the server
// takes as it starts; a command that got DATA_DIR in between makes it stop with a message.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureFirstAdmin } from "@/lib/auth/ensure-first-admin";
import { parseOidcConfig } from "@/lib/auth/oidc-config";
import { closeDatabase, configuredTarget, database, describeTarget } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensurePartitions } from "@/lib/db/partitions";
import { env } from "@/lib/env";
import { ensureDemoPlatformKey } from "@/lib/demo/demo-platform-key";
import { loadSeed } from "@/lib/seed/load-seed";
import { runCli } from "./cli";

const demo = process.argv.includes("--demo");
const DEMO_EVENTS = 30_000;
const DEMO_DAYS = 120;

await runCli(async () => {
  const { PORT, DATA_DIR } = env();
  // Half an SSO configuration stops start-up here, not at the first sign-in.
  parseOidcConfig(env());
  const target = configuredTarget();
  const db = database();
  console.log(`logdeck: database is ${describeTarget(target)}`);
  const applied = await migrate(db);
  if (applied.length) console.log(`logdeck: applied migrations ${applied.join(", ")}`);
  // The coming weeks' partitions of event_logs and error_logs (docs/partitioning.md).
  const partitions = await ensurePartitions({ db });
  if (partitions.length) console.log(`logdeck: created partitions ${partitions.join(", ")}`);

  const admin = await ensureFirstAdmin();
  // The demo remembers its generated sign-in (in DATA_DIR, this user only) so that every
  // `npm run demo` can print it; `npm start` prints a generated password once, here.
  const demoSignIn = path.resolve(DATA_DIR, "demo-sign-in.txt");
  if (admin.created) {
    const line = `email ${admin.email}  password ${admin.generated ? admin.password : "(ADMIN_PASSWORD)"}`;
    if (demo) writeFileSync(demoSignIn, line + "\n", { mode: 0o600 });
    else if (admin.generated) console.log(`logdeck: created the first admin. Sign in with ${line} — it is shown only this once.`);
    else console.log(`logdeck: created the first admin ${admin.email} (password from ADMIN_PASSWORD)`);
  }

  if (demo && (await db.prisma.project.count()) === 0) {
    console.log(`logdeck: empty database, loading demo data (${DEMO_EVENTS.toLocaleString("en-US")} events over ${DEMO_DAYS} days) …`);
    const result = await loadSeed(db, { events: DEMO_EVENTS, days: DEMO_DAYS });
    console.log(`logdeck: loaded ${result.runs} runs, ${result.events} events, ${result.errors} errors`);
  }
  // The live demo (scripts/demo-platform.ts, started by start.mjs) sends with its own key.
  if (demo && env().DEMO_LIVE === "on" && !process.argv.includes("--no-live")) await ensureDemoPlatformKey({ dataDir: DATA_DIR });
  await closeDatabase();

  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log("logdeck: no build found, building (this takes a minute, once) …");
    const build = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env: childEnv });
    if (build.status !== 0) throw new Error("next build failed");
  }

  console.log(`logdeck: serving on http://localhost:${PORT}`);
  if (demo && existsSync(demoSignIn)) console.log(`logdeck: sign in with ${readFileSync(demoSignIn, "utf8").trim()}`);
});
