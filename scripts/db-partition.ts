// npm run db:partition -- --prepare | --switch | --abort
// Partitions event_logs and error_logs of a PostgreSQL install at the previous release's
// schema without copying them with the tables locked (docs/partitioning.md, "Existing
// installs"): --prepare with the previous release still serving (online; as long as the
// data takes), then --switch with it stopped (under a second), then start this release.
// --abort undoes a --prepare that will not be followed by a switch. Each is idempotent:
// run one again after an interruption.
import { parseArgs } from "node:util";
import pg from "pg";
import { configuredTarget, describeTarget } from "@/lib/db/client";
import { abortPartitioning, partitioningState, preparePartitioning, switchToPartitioned, PARTITIONING_MIGRATION } from "@/lib/db/online-partitioning";
import { postgresPoolConfig } from "@/lib/db/postgres-database";
import { isMainModule, runCli, type CliIo } from "./cli";

const USAGE = `usage: npm run db:partition -- --prepare   (the previous release still serving: online, as long as the data takes)
       npm run db:partition -- --switch    (the previous release stopped: under a second; then start this release)
       npm run db:partition -- --abort     (undo --prepare, with the previous release still serving)`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  let values: { prepare?: boolean; switch?: boolean; abort?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { prepare: { type: "boolean" }, switch: { type: "boolean" }, abort: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || [values.prepare, values.switch, values.abort].filter(Boolean).length !== 1) {
    io.err(USAGE);
    return values.help ? 0 : 2;
  }
  const target = configuredTarget();
  if (target.kind !== "postgres") {
    io.err(`The embedded database (${describeTarget(target)}) is partitioned by its migration when the server starts; there is nothing to do here.`);
    return 0;
  }
  const { connectionString, options } = postgresPoolConfig(target.url);
  const client = new pg.Client({ connectionString, options, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const state = await partitioningState(client);
    if (state.state === "partitioned") {
      io.err(`${describeTarget(target)}: event_logs and error_logs are partitioned already (${PARTITIONING_MIGRATION} is applied); nothing to do.`);
      return 0;
    }
    if (state.state === "behind") {
      io.err(
        `${describeTarget(target)} is not at the previous release's schema (${state.missing} is not applied). A new or older database needs no online conversion: start the server (or npm run db:migrate), which migrates it.`,
      );
      return 1;
    }
    if (values.abort) {
      await abortPartitioning(client, io.err);
      return 0;
    }
    if (values.prepare) {
      io.err(`Preparing ${describeTarget(target)} …`);
      const bound = await preparePartitioning(client, io.err);
      io.err(
        `Prepared. Switch before ${bound.toISOString()}, when the weekly partitions begin (from then the previous release's rows would fail the CHECK; run --prepare again to move it a week on, or --abort): stop the previous release, run npm run db:partition -- --switch, then start this release.`,
      );
      return 0;
    }
    if (!state.prepared) {
      io.err(`${describeTarget(target)} is not prepared (or its preparation did not finish): run npm run db:partition -- --prepare first, with the previous release still serving.`);
      return 1;
    }
    await switchToPartitioned(client, io.err);
    io.err("Done. Start this release: its remaining migrations apply at start.");
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

if (isMainModule(import.meta.url)) await runCli(main, { exitWhenDone: true });
