// What the trigger says once the run it started has ended: the run's own outcome from its
// history row, which replaces "… started." (a page left open would otherwise claim a run
// is starting long after it finished).

export interface RetentionOutcomeView {
  id: string;
  dryRun: boolean;
  status: "running" | "succeeded" | "failed";
  eventsDeleted: number;
  errorsDeleted: number;
  error: string | null;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** The sentence for a run; null while it is still running. */
export function describeRetentionOutcome(run: RetentionOutcomeView): string | null {
  if (run.status === "running") return null;
  const counts = `${fmt(run.eventsDeleted)} events and ${fmt(run.errorsDeleted)} errors`;
  if (run.status === "succeeded") return run.dryRun ? `Dry run finished: ${counts} would be deleted.` : `Retention run finished: deleted ${counts}.`;
  const done = run.dryRun ? "" : ` It deleted ${counts} before it stopped.`;
  return `${run.dryRun ? "Dry run" : "Retention run"} failed: ${run.error ?? "see the history"}.${done}`;
}
