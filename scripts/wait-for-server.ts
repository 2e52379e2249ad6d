import type { ChildProcess } from "node:child_process";

/** Waits until a just-started server answers GET /api/health, failing if it exits or takes over 120 s. */
export async function waitForServer(server: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("the server exited during start-up");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not answer /api/health within 120 s");
}
