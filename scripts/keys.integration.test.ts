// `npm run keys`: its main(argv, io) in-process against this file's database, and as the
// real script in a child process (where a key must not reach the embedded database's
// files in the clear, and an unreachable database is named without a stack trace).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, prisma } from "@/lib/db/client";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";
import { runCaptured } from "@/test/run-cli";
import { main } from "./keys";

const engine = process.env.LOGDECK_TEST_ENGINE ?? "pglite";

const keys = (...argv: string[]) => runCaptured(main, argv);

const keyRows = () => prisma().ingestKey.findMany({ select: { id: true, name: true, prefix: true, hash: true, projectId: true, revokedAt: true } });

describe("npm run keys", () => {
  let key = "";
  let id = "";

  it("creates a key, prints it once on stdout alone, and stores only its hash", async () => {
    const created = await keys("create", "--name", "ci pipeline", "--project", "proj_cli");
    expect(created.code, created.stderr).toBe(0);
    key = created.stdout.trim();
    expect(key).toMatch(/^ldk_[A-Za-z0-9]{43}$/);
    expect(created.stderr).toMatch(/shown only this once/);

    const rows = await keyRows();
    expect(rows).toHaveLength(1);
    id = rows[0]!.id;
    expect(rows[0]).toMatchObject({ name: "ci pipeline", prefix: key.slice(0, 12), hash: hashIngestKey(key), projectId: "proj_cli", revokedAt: null });
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it("lists keys without the key itself", async () => {
    const listed = await keys("list", "--json");
    expect(listed.code, listed.stderr).toBe(0);
    const parsed = JSON.parse(listed.stdout) as { id: string; prefix: string; projectId: string; revokedAt: string | null }[];
    expect(parsed).toEqual([expect.objectContaining({ id, prefix: key.slice(0, 12), projectId: "proj_cli", revokedAt: null })]);
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain(hashIngestKey(key));
    const table = await keys("list");
    expect(table.stdout).toMatch(/ci pipeline\s+ldk_\S+…\s+proj_cli/);
  });

  it("revokes a key, once", async () => {
    const revoked = await keys("revoke", id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toContain(`Revoked ingest key ${id}`);
    expect((await keyRows())[0]!.revokedAt).toBeInstanceOf(Date);
    const again = await keys("revoke", id);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("already revoked");
  });

  it("explains mistakes with exit code 2 and no stack trace", async () => {
    for (const args of [["create"], ["revoke", "no_such_key"], ["create", "--name", "x", "--bogus"], []]) {
      const result = await keys(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe("");
    }
  });
});

// The real program, on the embedded engine's run only (neither case reads this file's database).
describe.runIf(engine === "pglite")("as a program", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-keys-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function spawnKeys(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/keys.ts", ...args], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  const filesUnder = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });

  it("creates a key in an embedded database of its own, whose files never hold the key", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.LOGDECK_TEST_ENGINE;
    delete env.DATABASE_URL;
    const created = await spawnKeys(env, "create", "--name", "ci pipeline");
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^ldk_[A-Za-z0-9]{43}$/);
    const secretPart = key.slice(12);
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(secretPart), file).toBe(false);
    const db = openDatabase({ kind: "pglite", dataDir });
    try {
      expect(await db.prisma.ingestKey.findMany({ select: { hash: true } })).toEqual([{ hash: hashIngestKey(key) }]);
    } finally {
      await db.close();
    }
  });

  it("names a database that does not answer, with what to check, without a stack trace", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "postgresql://logdeck:secret-pw@127.0.0.1:9/nowhere" };
    delete env.LOGDECK_TEST_ENGINE;
    const result = await spawnKeys(env, "list");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cannot reach PostgreSQL at 127.0.0.1:9/nowhere");
    expect(result.stderr).toContain("Check DATABASE_URL");
    expect(result.stderr).not.toContain("secret-pw");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
