// npm start / npm run demo, in two steps so that the server runs alone:
//   1. scripts/serve.ts (under tsx) checks the configuration, migrates, creates the first
//      admin, loads the demo data, builds when there is no build — and exits, taking the
//      ~300 MB its tooling holds (tsx, Prisma's schema engine, the database client) with it;
//   2. `next start`, with the V8 heap settings below. This process only forwards signals
//      and the exit code.
// Plain JavaScript, run by node itself: a launcher under tsx would keep two more
// processes (the tsx CLI and esbuild) resident for the server's whole life.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
// V8 lets a server's heap grow as far as the machine allows before collecting: under the
// ingestion benchmark its RSS climbed to 370–406 MB. A 256 MB old space kept it at or
// below ~255 MB through a soak (192 MB gave the same RSS, with less headroom for a large
// page or export). The young generation gets 32 MB semi-spaces: a batch request's
// garbage (body, parsed items, the statement's JSON) outlives 16 MB ones while the
// database works, and copying it cost ~25% of the server's CPU per event (8 MB cost
// a quarter of the throughput). Also used by `npm run bench:ingest`; each flag
// applies only when NODE_OPTIONS does not set it. See README, "Server memory".
import SERVER_HEAP_FLAGS from "./server-heap-flags.json" with { type: "json" };

/** NODE_OPTIONS for the server: the heap caps, then the caller's own options (which win). */
function serverNodeOptions(nodeOptions = "") {
  const own = SERVER_HEAP_FLAGS.filter((flag) => !nodeOptions.includes(flag.slice(0, flag.indexOf("="))));
  return [...own, nodeOptions].join(" ").trim();
}

const prepare = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/serve.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

const next = path.join("node_modules", "next", "dist", "bin", "next");
// `next start` takes its port from PORT (default 3000, as lib/env.ts's).
const server = spawn(process.execPath, [next, "start"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS) },
});
// `npm run demo`: a simulated platform sends events through the API while the server
// runs (scripts/demo-platform.ts; DEMO_LIVE=off or --no-live turns it off), and stops with it.
const demoPlatform =
  process.argv.includes("--demo") && !process.argv.includes("--no-live")
    ? spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/demo-platform.ts"], { stdio: "inherit" })
    : null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    demoPlatform?.kill(signal);
    server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  demoPlatform?.kill("SIGTERM");
  process.exit(code ?? (signal ? 0 : 1));
});

