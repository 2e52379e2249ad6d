import "server-only";
import { database } from "@/lib/db/client";
import { markInterruptedRuns } from "./mark-interrupted-runs";
import { RETENTION_LOCK_KEY } from "./run-retention";

/**
 * Marks runs left 'running' by a process that died (kill -9, a crash, a lost connection)
 * as interrupted, when no run is live: the retention lock is free (on PostgreSQL a dead
 * process's advisory lock goes with its connection). Otherwise a killed run would show as
 * "in progress" on /admin/retention until somebody started another. Takes the lock only
 * for one UPDATE; a trigger in that instant is told a run is in progress (409), as it
 * would be a moment earlier. Returns how many runs it marked.
 */
export async function markDeadRuns(): Promise<number> {
  const result = await database().withLock(RETENTION_LOCK_KEY, markInterruptedRuns, { wait: false });
  return result.acquired ? result.value : 0;
}
