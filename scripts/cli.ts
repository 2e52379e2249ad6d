// What every command-line script shares: a clear message and a non-zero exit on failure,
// no stack trace for a configuration mistake, and the database closed either way.
import { ConfigError } from "@/lib/env";
import { closeDatabase } from "@/lib/db/client";

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    await closeDatabase().catch(() => {});
  }
}
