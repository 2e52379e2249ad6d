// `npm run keys` end to end: the real script in a child process, against a database of
// its own (a temporary PGlite folder, or this file's PostgreSQL database).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "@/lib/db/client";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";

const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-keys-cli-"));
const target: DatabaseTarget = process.env.DATABASE_URL ? { kind: "postgres", url: process.env.DATABASE_URL } : { kind: "pglite", dataDir };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Asynchronous, so this process keeps answering its own database connections meanwhile.
function keys(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.LOGDECK_TEST_ENGINE;
  if (target.kind === "pglite") delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/keys.ts", ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Reads the key rows with a client of our own, closed again before the CLI runs next (PGlite admits one process). */
async function keyRows() {
  const db = openDatabase(target);
  try {
    return await db.prisma.ingestKey.findMany({ select: { id: true, name: true, prefix: true, hash: true, projectId: true, revokedAt: true } });
  } finally {
    await db.close();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

// Each spawn starts tsx and opens the database: seconds each, more on a busy machine.
describe("npm run keys", { timeout: 300_000 }, () => {
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
    if (target.kind === "pglite") {
      const secretPart = key.slice(12);
      for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(secretPart), file).toBe(false);
    }
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
    for (const args of [["create"], ["revoke", "no_such_key"], ["create", "--name", "x", "--bogus"]]) {
      const result = await keys(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe("");
    }
  });
});

describe("a database that does not answer", () => {
  it("is named, with what to check, without a stack trace", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "postgresql://logdeck:secret-pw@127.0.0.1:9/nowhere" };
    delete env.LOGDECK_TEST_ENGINE;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/keys.ts", "list"], { env });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cannot reach PostgreSQL at 127.0.0.1:9/nowhere");
    expect(result.stderr).toContain("Check DATABASE_URL");
    expect(result.stderr).not.toContain("secret-pw");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
