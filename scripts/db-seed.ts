// npm run db:seed -- [--events N] [--days D] [--seed S]
// Realistic demo data, loaded with COPY, with progress on stderr.
import { parseArgs } from "node:util";
import { configuredTarget, database, describeTarget } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { loadSeed } from "@/lib/seed/load-seed";
import { runCli } from "./cli";
import { parsePositiveInt } from "./parse-args";

await runCli(async () => {
  const { values } = parseArgs({
    options: { events: { type: "string" }, days: { type: "string" }, seed: { type: "string" } },
    strict: true,
  });
  const events = parsePositiveInt("--events", values.events, 100_000);
  const days = parsePositiveInt("--days", values.days, 120);
  const seed = values.seed === undefined ? undefined : parsePositiveInt("--seed", values.seed, 1);

  const db = database();
  console.error(`Seeding ${describeTarget(configuredTarget())}: ${events.toLocaleString("en-US")} events over ${days} days`);
  await migrate(db);
  const started = performance.now();
  const result = await loadSeed(db, {
    events,
    days,
    seed,
    progressEvery: Math.max(10_000, Math.round(events / 20)),
    onProgress: ({ table, rows, total }) => {
      const seconds = (performance.now() - started) / 1000;
      const pct = total ? Math.round((rows / total) * 100) : 100;
      console.error(`  ${table}: ${rows.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${pct}%) · ${seconds.toFixed(1)} s · ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString("en-US")} rows/s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${result.projects} projects, ${result.runs.toLocaleString("en-US")} runs, ${result.events.toLocaleString("en-US")} events and ${result.errors.toLocaleString("en-US")} errors in ${seconds.toFixed(1)} s.`,
  );
}, { exitWhenDone: true });
