// Started by `npm run demo` (scripts/start.mjs) beside the server: a simulated platform
// that sends events and errors through the ingestion API (lib/demo/simulate-platform.ts)
// every couple of seconds, so live mode, the charts and the lists have something
// happening. Off with DEMO_LIVE=off or `npm run demo -- --no-live`. It stops with the
// server: start.mjs ends it, and it ends itself when the server stops answering.
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createPlatformSimulator } from "@/lib/demo/simulate-platform";
import { env } from "@/lib/env";
import { DEMO_PLATFORM_KEY_FILE } from "@/lib/demo/demo-platform-key-file";

const TICK_MS = 2_000;
// The server is gone (stopped, crashed) after this many failed ticks in a row.
const MAX_FAILED_TICKS = 15;

const { PORT, DATA_DIR, DEMO_LIVE } = env();
if (DEMO_LIVE === "off") process.exit(0);
const baseUrl = `http://127.0.0.1:${PORT}`;
let ingestKey: string;
try {
  ingestKey = readFileSync(path.resolve(DATA_DIR, DEMO_PLATFORM_KEY_FILE), "utf8").trim();
} catch {
  console.error("logdeck demo: no demo platform key (the demo's start creates it); the live demo is off.");
  process.exit(0);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping = true));

// Wait for the server (a first build can take a few minutes).
for (let attempt = 0; !stopping; attempt++) {
  const up = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
  if (up) break;
  if (attempt > 600) process.exit(0);
  await sleep(1_000);
}

let failedTicks = 0;
const simulator = createPlatformSimulator({ baseUrl, ingestKey, onDeliveryFailure: () => failedTicks++ });
if (!stopping) console.log("logdeck: the live demo is sending events (DEMO_LIVE=off turns it off)");
while (!stopping && failedTicks < MAX_FAILED_TICKS) {
  const before = failedTicks;
  await simulator.tick().catch(() => failedTicks++);
  if (failedTicks === before) failedTicks = 0;
  await sleep(TICK_MS);
}
await Promise.race([simulator.stop(), sleep(3_000)]);
process.exit(0);
