// npm run retention -- [--dry-run] [--duty-cycle F] [--pause-ms N]
// The retention job for cron: the same job as POST /api/admin/retention, recorded with
// trigger 'cli'. Progress on stderr, the outcome on stdout. Exit codes: 0 done, 1 failed
// (the failure is recorded in retention_runs), 75 another run holds the lock (EX_TEMPFAIL:
// nothing was done, try again later).
import { parseArgs } from "node:util";
import { configuredTarget, describeTarget } from "@/lib/db/client";
import { ConfigError } from "@/lib/env";
import { getRetentionPolicy } from "@/lib/retention/retention-policy";
import { runRetention } from "@/lib/retention/run-retention";
import { isMainModule, runCli, type CliIo } from "./cli";

const EXIT_BUSY = 75;
const USAGE = "Usage: npm run retention -- [--dry-run] [--duty-cycle F] [--pause-ms N]";

function parseOptions(args: string[]): { dryRun: boolean; dutyCycle: number | undefined; pauseMs: number } {
  try {
    const { values } = parseArgs({
      args,
      options: { "dry-run": { type: "boolean", default: false }, "duty-cycle": { type: "string" }, "pause-ms": { type: "string" } },
      strict: true,
    });
    const pause = values["pause-ms"];
    if (pause !== undefined && !/^\d+$/.test(pause)) throw new Error(`--pause-ms must be a whole number of milliseconds, got "${pause}"`);
    const duty = values["duty-cycle"];
    if (duty !== undefined && !(/^(0?\.\d+|1(\.0*)?)$/.test(duty) && Number(duty) > 0)) {
      throw new Error(`--duty-cycle must be a fraction more than 0 and at most 1 (e.g. 0.3), got "${duty}"`);
    }
    return { dryRun: values["dry-run"] ?? false, dutyCycle: duty === undefined ? undefined : Number(duty), pauseMs: pause === undefined ? 0 : Number(pause) };
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

const n = (value: number) => value.toLocaleString("en-US");

/** `npm run retention -- …argv`: its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // --duty-cycle, --pause-ms: how much of the time the job leaves to other work (ingestion).
  const { dryRun, dutyCycle, pauseMs } = parseOptions(argv);
  const policy = getRetentionPolicy(); // a bad EVENT_/ERROR_RETENTION_DAYS stops here, clearly
  io.err(`retention: ${describeTarget(configuredTarget())}; keeping events ${policy.eventDays} days, errors ${policy.errorDays} days${dryRun ? " (dry run)" : ""}`);

  const started = performance.now();
  let lastLine = 0;
  const result = await runRetention({
    trigger: "cli",
    actor: "cli",
    dryRun,
    dutyCycle,
    pauseMs,
    onStart: ({ id, eventCutoff, errorCutoff }) => {
      io.err(`retention: run ${id}: events before ${eventCutoff.toISOString()}, errors before ${errorCutoff.toISOString()}`);
    },
    onProgress: ({ eventsDeleted, errorsDeleted }) => {
      const now = performance.now();
      if (now - lastLine < 1_000) return;
      lastLine = now;
      const seconds = (now - started) / 1000;
      const rate = Math.round((eventsDeleted + errorsDeleted) / Math.max(seconds, 0.001));
      io.err(`retention: deleted ${n(eventsDeleted)} events, ${n(errorsDeleted)} errors so far · ${seconds.toFixed(1)} s · ${n(rate)} rows/s`);
    },
  });

  if (result.status === "busy") {
    io.err("retention: another retention run is in progress (it holds the lock); nothing was done. Try again when it has finished.");
    return EXIT_BUSY;
  }
  const { outcome } = result;
  const verb = outcome.dryRun ? "would delete" : "deleted";
  io.out(
    `retention: ${verb} ${n(outcome.eventsCount)} events (before ${outcome.eventCutoff.toISOString()}) and ${n(outcome.errorsCount)} errors (before ${outcome.errorCutoff.toISOString()}) in ${n(outcome.durationMs)} ms`,
  );
  return 0;
}

if (isMainModule(import.meta.url)) await runCli(main, { exitWhenDone: true });
