// The embedded database's directory lock, across real processes: a second process is
// refused while the first holds DATA_DIR (the CLIs and the server's start-up with a
// message, no stack trace), the lock goes with close, and a dead holder's lock is taken
// over. Embedded only: PostgreSQL is shared by design.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "@/lib/db/client";
import { DataDirInUseError, LOCK_FILE } from "@/lib/db/data-dir-lock";

const engine = process.env.LOGDECK_TEST_ENGINE ?? "pglite";
const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-lock-"));
const target: DatabaseTarget = { kind: "pglite", dataDir };
const lockFile = path.join(dataDir, LOCK_FILE);
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.LOGDECK_TEST_ENGINE;
  return env;
}

function run(script: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script, ...args], { env: childEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Another process with the database open (and a row written), until it is killed. */
async function holder(): Promise<ChildProcess> {
  const code = `
    import { database } from "@/lib/db/client";
    const db = database();
    await db.statement("CREATE TABLE IF NOT EXISTS lock_probe (n int)", []);
    await db.statement("INSERT INTO lock_probe VALUES (1)", []);
    console.log("ready");
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", code], { env: childEnv() });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (exitCode) => reject(new Error(`the holder exited (${exitCode}): ${stderr}`)));
  });
  return child;
}

const lockPid = () => Number(readFileSync(lockFile, "utf8").split("\n")[0]);

// Each spawn starts tsx and opens PGlite: seconds each, more on a busy machine.
describe.runIf(engine === "pglite")("the embedded database's directory lock", { timeout: 180_000 }, () => {
  it("refuses a CLI and the server's start-up while this process has the directory open, and lets go on close", async () => {
    const db = openDatabase(target);
    await db.statement("SELECT 1", []);
    expect(lockPid()).toBe(process.pid);
    try {
      for (const [script, args] of [["scripts/keys.ts", ["list"]], ["scripts/serve.ts", []]] as const) {
        const result = await run(script, [...args]);
        expect(result.code, script).toBe(1);
        expect(result.stderr, script).toContain(
          `DATA_DIR ${dataDir} is in use by process ${process.pid} (a logdeck server or command); stop it first, or point DATABASE_URL at PostgreSQL to share a database.`,
        );
        expect(result.stderr, script).not.toMatch(/\n\s+at /);
        expect(result.stdout, script).not.toMatch(/serving on|Migrating|applied/);
      }
    } finally {
      await db.close();
    }
    expect(existsSync(lockFile)).toBe(false);
    const after = await run("scripts/keys.ts", ["list"]);
    expect(after.code, after.stderr).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("refuses this process while another holds the directory, and takes over the lock it leaves when killed", async () => {
    const child = await holder();
    expect(lockPid()).toBe(child.pid);
    expect(() => openDatabase(target)).toThrow(DataDirInUseError);
    expect(() => openDatabase(target)).toThrow(`is in use by process ${child.pid}`);

    // kill -9 runs no exit handler: the lock file stays behind, naming a dead process.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(lockPid()).toBe(child.pid);

    const db = openDatabase(target);
    try {
      expect(await db.statement<{ n: number }>("SELECT n FROM lock_probe", [])).toEqual([{ n: 1 }]);
      expect(lockPid()).toBe(process.pid);
    } finally {
      await db.close();
    }
    expect(existsSync(lockFile)).toBe(false);
  });

  it("takes over a lock naming this process, or a live process started after the holder (a reused pid)", async () => {
    // A container restarted after kill -9: the same pids come round again.
    writeFileSync(lockFile, `${process.pid}\n1\n2026-01-01T00:00:00.000Z\nnode old\n`);
    const db = openDatabase(target);
    await db.close();
    expect(existsSync(lockFile)).toBe(false);

    if (existsSync("/proc/self/stat")) {
      // A live process whose start time (since boot) is not the recorded one's.
      const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 60000)"]);
      children.push(other);
      writeFileSync(lockFile, `${other.pid}\n1\n2026-01-01T00:00:00.000Z\nnode old\n`);
      const again = openDatabase(target);
      expect(lockPid()).toBe(process.pid);
      await again.close();
      other.kill("SIGKILL");
    }
  });
});
