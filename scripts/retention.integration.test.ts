// `npm run retention`: its main(argv, io) in-process against this file's database (exit
// codes, output, what it leaves in the tables), and once as the real script in a child
// process. Also: a bad retention setting stops the CLI and the server's start-up with a
// message naming it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { forgetEnv } from "@/lib/env";
import { RETENTION_LOCK_KEY } from "@/lib/retention/run-retention";
import { runCaptured } from "@/test/run-cli";
import { main } from "./retention";

const engine = process.env.LOGDECK_TEST_ENGINE ?? "pglite";

/** The command in-process: exit code and what it wrote. Settings in `env` apply to this run only. */
async function retention(argv: string[] = [], env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  forgetEnv();
  try {
    return await runCaptured(main, argv);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    forgetEnv();
  }
}

beforeEach(async () => {
  await prisma().$executeRawUnsafe(`TRUNCATE event_logs, error_logs, retention_runs`);
  await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES ('old', 'T', now() - interval '31 days'), ('new', 'T', now() - interval '29 days')`;
  await prisma().$executeRaw`INSERT INTO error_logs (id, trace_id, error_type, message, created_at) VALUES ('old', 't', 'E', 'm', now() - interval '91 days'), ('new', 't', 'E', 'm', now() - interval '89 days')`;
});

const state = async () => ({
  events: (await prisma().eventLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id),
  errors: (await prisma().errorLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id),
  runs: await prisma().retentionRun.findMany({ select: { trigger: true, actor: true, dryRun: true, status: true, eventsDeleted: true, errorsDeleted: true, error: true } }),
});

describe("npm run retention", () => {
  it("--dry-run reports what would go, deletes nothing, exits 0", async () => {
    const result = await retention(["--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/would delete 1 events \(before \d{4}-.*Z\) and 1 errors/);
    expect(result.stderr).toMatch(/events before .*Z, errors before .*Z/);
    const after = await state();
    expect(after.events).toEqual(["new", "old"]);
    expect(after.runs).toEqual([{ trigger: "cli", actor: "cli", dryRun: true, status: "succeeded", eventsDeleted: 1n, errorsDeleted: 1n, error: null }]);
  });

  it("deletes what is older than the policy, records the run, exits 0", async () => {
    const result = await retention();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/deleted 1 events .* and 1 errors/);
    expect(await state()).toEqual({
      events: ["new"],
      errors: ["new"],
      runs: [{ trigger: "cli", actor: "cli", dryRun: false, status: "succeeded", eventsDeleted: 1n, errorsDeleted: 1n, error: null }],
    });
  });

  describe("when the job fails", () => {
    beforeEach(async () => {
      await prisma().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION cli_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$`);
      await prisma().$executeRawUnsafe(`CREATE TRIGGER cli_test_refuse BEFORE DELETE ON event_logs FOR EACH ROW EXECUTE FUNCTION cli_test_refuse()`);
    });
    afterEach(() => prisma().$executeRawUnsafe(`DROP TRIGGER cli_test_refuse ON event_logs`));

    it("exits 1 and records the failure", async () => {
      const result = await retention();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/refused by a test trigger/);
      const after = await state();
      expect(after.events).toEqual(["new", "old"]);
      expect(after.runs).toMatchObject([{ status: "failed", error: expect.stringMatching(/refused by a test trigger/) }]);
    });
  });

  it.runIf(engine === "postgres")("exits 75 and says so when another run holds the lock", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [RETENTION_LOCK_KEY]);
      const result = await retention();
      expect(result.code).toBe(75);
      expect(result.stderr).toMatch(/another retention run is in progress/);
    } finally {
      await other.end();
    }
    expect((await state()).events).toEqual(["new", "old"]);
  });

  it.each(["0", "thirty"])("stops with a clear message when EVENT_RETENTION_DAYS=%s", async (value) => {
    const result = await retention([], { EVENT_RETENTION_DAYS: value });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`EVENT_RETENTION_DAYS must be a positive whole number, got "${value}"`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect((await state()).runs).toEqual([]);
  });

  it.each([
    ["", "must be a positive whole number"],
    ["1000000000", "must be at most 100000 days"],
  ])("stops with a clear message when ERROR_RETENTION_DAYS=%j", async (value, message) => {
    const result = await retention([], { ERROR_RETENTION_DAYS: value });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ERROR_RETENTION_DAYS ${message}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await state()).runs).toEqual([]);
  });

  it("refuses an unknown option with its usage", async () => {
    const result = await retention(["--dryrun"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown option '--dryrun'[\s\S]*Usage: npm run retention -- \[--dry-run\] \[--duty-cycle F\] \[--pause-ms N\]/);
  });

  it("accepts --pause-ms between batches and refuses a value that is not a whole number", async () => {
    expect((await retention(["--pause-ms", "5"])).code).toBe(0);
    expect((await state()).events).toEqual(["new"]);
    const bad = await retention(["--pause-ms", "soon"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--pause-ms must be a whole number of milliseconds, got "soon"');
  });

  it("accepts --duty-cycle as a fraction and refuses 0, more than 1 or not a number", async () => {
    expect((await retention(["--duty-cycle", "0.5"])).code).toBe(0);
    expect((await state()).events).toEqual(["new"]);
    for (const value of ["0", "1.5", "half"]) {
      const bad = await retention(["--duty-cycle", value]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`--duty-cycle must be a fraction more than 0 and at most 1 (e.g. 0.3), got "${value}"`);
    }
  });
});

// The real programs, once each: tsx, the database opened from the environment, exit codes.
describe("as a program", { timeout: 180_000 }, () => {
  // The embedded database admits one process: the spawned script gets a folder of its own.
  const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-retention-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function spawnScript(script: string, args: string[] = [], extraEnv: Record<string, string> = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
    delete env.LOGDECK_TEST_ENGINE;
    if (engine === "pglite") {
      delete env.DATABASE_URL;
      env.DATA_DIR = dataDir;
    }
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script, ...args], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  // On PostgreSQL the program shares this file's database; an embedded one would need a
  // folder of its own, migrated (seconds): there, a mistake on its command line instead.
  it.runIf(engine === "postgres")("npm run retention -- --dry-run runs, reports and exits 0", async () => {
    const result = await spawnScript("scripts/retention.ts", ["--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/would delete 1 events/);
  });

  it.runIf(engine === "pglite")("npm run retention -- --dryrun exits 1 with its usage", async () => {
    const result = await spawnScript("scripts/retention.ts", ["--dryrun"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Usage: npm run retention");
  });

  it.runIf(engine === "pglite")("the server's start-up stops with a clear message on a bad ERROR_RETENTION_DAYS", async () => {
    const result = await spawnScript("scripts/serve.ts", [], { ERROR_RETENTION_DAYS: "ninety" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERROR_RETENTION_DAYS must be a positive whole number, got "ninety"');
    expect(result.stdout).not.toMatch(/serving on/);
  });
});
