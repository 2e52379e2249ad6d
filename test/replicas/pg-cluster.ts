// Throwaway PostgreSQL clusters for the replica suite: a primary made with initdb and a
// streaming standby made from it with pg_basebackup -R, each on a free port in a
// temporary folder, run as the `postgres` user when this process is root.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The PostgreSQL server binaries, or why they cannot be used. */
export function findPostgresBinaries(): { bin: string } | { missing: string } {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((tool) => existsSync(path.join(bin, tool)))) {
      if (process.getuid?.() === 0) {
        try {
          execFileSync("id", ["postgres"], { stdio: "ignore" });
        } catch {
          return { missing: "running as root, and there is no postgres user to run the clusters as" };
        }
      }
      return { bin };
    }
  }
  return { missing: `no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under ${root} (apt-get install postgresql-15)` };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, tool: string, args: string[]): void {
  const command = [path.join(bin, tool), ...args];
  if (asRoot) execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", command.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ")], { stdio: "pipe" });
  else execFileSync(command[0]!, command.slice(1), { stdio: "pipe" });
}

export class Cluster {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  /** postgresql:// URL of `database` on this cluster. */
  url(database = "postgres"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private static folder(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "logdeck-replica-"));
    if (asRoot) execFileSync("chown", ["postgres", dir]);
    return dir;
  }

  private start(): void {
    run(this.bin, "pg_ctl", ["-D", path.join(this.dir, "data"), "-l", path.join(this.dir, "server.log"), "-w", "-t", "60", "-o", `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
  }

  static async primary(bin: string): Promise<Cluster> {
    const cluster = new Cluster(bin, Cluster.folder(), await freePort());
    run(bin, "initdb", ["-D", path.join(cluster.dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8"]);
    cluster.start();
    return cluster;
  }

  /** A streaming standby of `primary` (pg_basebackup -R writes its standby settings). */
  static async standbyOf(primary: Cluster): Promise<Cluster> {
    const cluster = new Cluster(primary.bin, Cluster.folder(), await freePort());
    run(primary.bin, "pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", path.join(cluster.dir, "data"), "-R", "-X", "stream"]);
    cluster.start();
    return cluster;
  }

  stop(): void {
    run(this.bin, "pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
  }

  /** Stops the server (if it runs) and deletes its folder. */
  remove(): void {
    try {
      run(this.bin, "pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

