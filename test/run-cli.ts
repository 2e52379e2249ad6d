import { runMain, type CliMain } from "@/scripts/cli";

/** A command's main(argv, io) run in-process: its exit code and what it wrote to each stream. */
export async function runCaptured(main: CliMain, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMain(main, argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
