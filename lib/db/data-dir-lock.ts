// Embedded PGlite is PostgreSQL without its postmaster: nothing stops two processes from
// opening one data directory, and two that do overwrite each other's files — writes one
// of them acknowledged are lost, and the directory may no longer open at all. So whoever
// opens PGlite on disk first takes this lock, the way PostgreSQL's postmaster.pid works:
// a file in DATA_DIR created with O_EXCL that names the holder's pid. A second process
// finds it, sees that the holder is alive and refuses with a message; a holder that is
// gone (killed with -9, a crash, a power cut) left a stale file, which is taken over.
//
// The lock belongs to the process: openings within it share the lock (counted), and the
// last release — or the process's exit — removes the file.
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "pglite.lock";

/** The data directory is held by another live process: a message for the user, no stack trace. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid} (a logdeck server or command); stop it first, ` +
        `or point DATABASE_URL at PostgreSQL to share a database. (Lock file: ${path.join(dataDir, LOCK_FILE)})`,
    );
    this.name = "DataDirInUseError";
  }
}

interface Held {
  file: string;
  content: string;
  count: number;
}

// On globalThis, like the database holder in client.ts: Next's bundles (instrumentation,
// the routes) and its dev server's re-evaluated modules must all see one lock per process.
const state = globalThis as unknown as { __logdeckDataDirLocks?: Map<string, Held> };
const held = (state.__logdeckDataDirLocks ??= new Map<string, Held>());

/**
 * Takes (or, within this process, shares) the lock on `dataDir`, creating the directory
 * if need be; throws DataDirInUseError when another live process holds it. Returns the
 * release function, which is safe to call more than once.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  // Two spellings of one directory (relative, a symlink) are one lock.
  const dir = realpathSync(dataDir);
  let entry = held.get(dir);
  if (entry) entry.count++;
  else {
    entry = { ...createLockFile(dir, path.resolve(dataDir)), count: 1 };
    held.set(dir, entry);
    releaseOnExit();
  }
  const taken = entry;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--taken.count > 0) return;
    held.delete(dir);
    removeIfOurs(taken);
  };
}

/** `shown`: the directory as the user named it (resolved), for the message. */
function createLockFile(dir: string, shown: string): Omit<Held, "count"> {
  const file = path.join(dir, LOCK_FILE);
  // The pid, what distinguishes this process from a later one given the same pid (its
  // start time since boot, where /proc tells it), then for whoever reads the file by hand.
  const content = [process.pid, processStartTicks(process.pid) ?? "-", new Date().toISOString(), process.argv.join(" ")].join("\n") + "\n";
  // Each round either creates the file or removes one stale file; another process racing
  // for the same stale file may win a round, hence a few.
  for (let attempt = 0; attempt < 10; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      if (holder === "gone") continue;
      if (holder.live) throw new DataDirInUseError(shown, holder.pid);
      // Stale: removed only if it is still the file just read, so that a racing process
      // that has taken it over in the meantime keeps its lock (bar the microseconds
      // between this read and the unlink, a window PostgreSQL's own check has as well).
      if (readText(file) === holder.text) {
        try {
          unlinkSync(file);
        } catch (unlinkError) {
          if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw unlinkError;
        }
      }
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return { file, content };
  }
  throw new Error(`could not take the lock file ${file}: it kept reappearing`);
}

type Holder = "gone" | { pid: number; live: boolean; text: string };

function readHolder(file: string): Holder {
  // A process that has just created the file may not have written it yet: an empty file
  // is given a moment before it counts as the remnant of a crash at that very instant.
  for (let wait = 0; ; wait++) {
    const text = readText(file);
    if (text === undefined) return "gone";
    const [pidLine = "", ticksLine = ""] = text.split("\n");
    const pid = /^\d+$/.test(pidLine) ? Number(pidLine) : 0;
    if (pid > 0) return { pid, live: isSameProcessAlive(pid, ticksLine), text };
    if (wait === 20) return { pid: 0, live: false, text };
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function isSameProcessAlive(pid: number, recordedTicks: string): boolean {
  // Our own pid in a file this process does not hold (it would be in `held`): a previous
  // life of a container, where pids repeat from one start to the next.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, another user's.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  // Alive — but perhaps another process that was given the dead holder's pid.
  const ticks = processStartTicks(pid);
  return !(ticks && /^\d+$/.test(recordedTicks) && ticks !== recordedTicks);
}

/** When the process started, in clock ticks since boot (Linux's /proc); undefined elsewhere. */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; starttime is
    // field 22, the 20th after it.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function removeIfOurs({ file, content }: Omit<Held, "count">): void {
  try {
    if (readFileSync(file, "utf8") === content) unlinkSync(file);
  } catch {
    // Already gone, or the directory with it: nothing to release.
  }
}

// A process that exits without closing its database (process.exit, Next's SIGTERM
// handler, an uncaught error) still leaves no lock behind. A signal's default action or
// kill -9 runs no handler: that lock is stale and the next process takes it over.
function releaseOnExit(): void {
  const flag = globalThis as unknown as { __logdeckDataDirLockExitHook?: boolean };
  if (flag.__logdeckDataDirLockExitHook) return;
  flag.__logdeckDataDirLockExitHook = true;
  process.on("exit", () => {
    for (const entry of held.values()) removeIfOurs(entry);
    held.clear();
  });
}
