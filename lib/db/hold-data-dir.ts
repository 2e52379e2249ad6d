// The server takes the embedded database's lock (./data-dir-lock) as it starts, not when
// a first request opens the database: a command run meanwhile would otherwise get the
// directory and the server a failure on every request, and a second server on the same
// DATA_DIR would start as if nothing were wrong. It holds the lock until it exits (Next's
// SIGINT/SIGTERM handlers exit the process, which releases it).
import { ConfigError, env } from "@/lib/env";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock";

export function holdDataDirForServer(): void {
  // client.ts's configuredTarget(), without loading the database client (Prisma, pg)
  // into instrumentation's bundle as well as the routes'.
  let settings;
  try {
    settings = env();
  } catch (error) {
    // A bad setting is reported where it is used, as before; no database opens with it.
    if (error instanceof ConfigError) return;
    throw error;
  }
  if (settings.DATABASE_URL || settings.DATA_DIR.startsWith("memory://")) return;
  try {
    lockDataDir(settings.DATA_DIR);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    // Not a stack trace from inside Next: the message, and an exit code for the launcher.
    console.error(`logdeck: ${error.message}`);
    process.exit(1);
  }
}
