// What every command-line script shares: a clear message and a non-zero exit on failure,
// no stack trace for a configuration mistake, and the database closed either way.
import { ConfigError } from "@/lib/env";
import { closeDatabase, configuredTarget, describeTarget } from "@/lib/db/client";
import { DataDirInUseError } from "@/lib/db/data-dir-lock";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";

/**
 * `exitWhenDone`: for one-shot commands. Embedded PGlite and Prisma's schema engine (both
 * WebAssembly) leave a 10-second timer armed after they are closed, which kept every
 * `npm run keys`/`db:migrate`/`db:seed` alive 10 s after its work was done. Output is
 * already written (stdout and stderr are synchronous for files and pipes on Linux and
 * macOS), the database is closed, so the process exits with its exit code at once.
 */
export async function runCli(main: () => Promise<void>, { exitWhenDone = false }: { exitWhenDone?: boolean } = {}): Promise<void> {
  try {
    await main();
  } catch (error) {
    // A configuration mistake, or the embedded database held by another process.
    if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message);
    else if (isDatabaseUnavailableError(error)) console.error(unreachable(error));
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    await closeDatabase().catch(() => {});
  }
  if (exitWhenDone) process.exit();
}

/** A database that does not answer, said as what to check rather than as a stack trace. */
function unreachable(error: unknown): string {
  let where = "the database";
  try {
    where = describeTarget(configuredTarget());
  } catch {
    // DATABASE_URL itself is unreadable: the configuration check says so elsewhere.
  }
  const reason = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 300) : String(error);
  return `logdeck: cannot reach ${where} (${reason}). Check DATABASE_URL and that the server is running and accepts connections.`;
}
