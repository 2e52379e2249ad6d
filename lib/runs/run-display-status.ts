// A run's status as pages show it: a running run that has logged nothing for
// RUN_IDLE_MINUTES is "idle" (its sender may have died without saying so).

export type RunDisplayStatus = "running" | "idle" | "succeeded" | "failed" | "cancelled";

/** lastRowAt is kept to the minute (floored): the minute it names counts as a whole. */
export function runDisplayStatus(
  run: { status: string; startedAt: Date; lastRowAt: Date | null },
  { now, idleMinutes }: { now: Date; idleMinutes: number },
): string {
  if (run.status !== "running") return run.status;
  const lastSign = run.lastRowAt ? run.lastRowAt.getTime() + 60_000 : run.startedAt.getTime();
  return now.getTime() - Math.max(lastSign, run.startedAt.getTime()) > idleMinutes * 60_000 ? "idle" : "running";
}
