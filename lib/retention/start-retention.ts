import "server-only";
import { runRetention, type RunRetentionOptions } from "./run-retention";

export type StartRetentionResult = { status: "started"; id: string } | { status: "busy" };

/**
 * Starts the retention job in this server process and answers as soon as the run is
 * recorded (or the lock is found busy), without waiting for it to finish: a run over
 * millions of rows outlasts any request. The page follows it through its row. The job's
 * own outcome, failure included, is recorded there; nothing is lost if nobody waits.
 */
export function startRetention(options: Omit<RunRetentionOptions, "onStart">): Promise<StartRetentionResult> {
  return new Promise((resolve, reject) => {
    let started = false;
    runRetention({
      ...options,
      onStart: ({ id }) => {
        started = true;
        resolve({ status: "started", id });
      },
    }).then(
      (result) => {
        if (result.status === "busy") resolve({ status: "busy" });
      },
      (error) => {
        if (!started) reject(error);
        else console.error("logdeck: retention run failed (recorded in retention_runs)", error);
      },
    );
  });
}
