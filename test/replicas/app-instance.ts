// One logdeck instance as a deployment runs it: `npm start` (scripts/start.mjs) in a
// process group of its own, on its own port, against the given database.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";

export class AppInstance {
  private output = "";

  private constructor(
    readonly port: number,
    private readonly process: ChildProcess,
  ) {
    process.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    process.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static start(port: number, env: Record<string, string>): AppInstance {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, PORT: String(port) } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    return new AppInstance(port, child);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the instance printed (its supervisor's messages among them). */
  get log(): string {
    return this.output;
  }

  /** Waits until GET /api/health answers 200, failing if the instance exits first. */
  async waitUntilHealthy(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`instance on ${this.port} exited:\n${this.output}`);
      try {
        // Bounded: a request the supervisor handed to a worker as it was killed is never answered.
        if ((await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) return;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`instance on ${this.port} not healthy within ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** The pids of its server processes (the supervisor's cluster workers). */
  workerPids(): number[] {
    const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(this.process.pid)]).toString();
    return out.split("\n").map((line) => Number(line.trim())).filter(Boolean);
  }

  /** Stops the instance and everything it started. */
  stop(): void {
    try {
      process.kill(-this.process.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}
