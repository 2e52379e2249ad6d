// What every command-line script shares: a clear message and a non-zero exit on failure,
// no stack trace for a configuration mistake, and the database closed either way.
// A script exports `main(argv, io)`, which tests call in-process (against the test's own
// database), and runs it through runCli when it is the program started.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "@/lib/env";
import { closeDatabase, configuredTarget, describeTarget } from "@/lib/db/client";
import { DataDirInUseError } from "@/lib/db/data-dir-lock";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";

/** Where a command writes: its result (stdout) and everything else (stderr), a line at a time. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A command: its exit code (none: 0). */
export type CliMain = (argv: string[], io: CliIo) => Promise<number | void>;

export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(path.resolve(script)).href === moduleUrl;
}

/** Runs `main`; a failure becomes a message on io.err (no stack trace for a mistake of the caller's) and exit code 1. */
export async function runMain(main: CliMain, argv: string[], io: CliIo): Promise<number> {
  try {
    return (await main(argv, io)) ?? 0;
  } catch (error) {
    // A configuration mistake, or the embedded database held by another process.
    if (error instanceof ConfigError || error instanceof DataDirInUseError) io.err(error.message);
    else if (isDatabaseUnavailableError(error)) io.err(unreachable(error));
    else io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

/**
 * Runs `main` as this process's program, with its arguments, on stdout/stderr, then closes
 * the database. `exitWhenDone`: for one-shot commands. Embedded PGlite and Prisma's schema
 * engine (both WebAssembly) leave a 10-second timer armed after they are closed, which
 * kept every `npm run keys`/`db:migrate`/`db:seed` alive 10 s after its work was done.
 * Output is already written (stdout and stderr are synchronous for files and pipes on
 * Linux and macOS), the database is closed, so the process exits with its exit code at once.
 */
export async function runCli(main: CliMain, { exitWhenDone = false }: { exitWhenDone?: boolean } = {}): Promise<void> {
  const code = await runMain(main, process.argv.slice(2), processIo);
  if (code !== 0) process.exitCode = code;
  await closeDatabase().catch(() => {});
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
