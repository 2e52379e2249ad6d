import "server-only";
import { prisma } from "@/lib/db/client";

export const INTERRUPTED_MESSAGE = "interrupted: its process stopped before it finished (the batches it committed stay deleted; a later run picks up the rest)";

/**
 * Marks runs still 'running' as failed. Only called while holding the retention lock, so
 * none of them can be alive: their process was killed or lost its database connection.
 * Every batch they committed stays committed; what remains is simply picked up by this run.
 */
export async function markInterruptedRuns(): Promise<number> {
  return prisma().$executeRaw`
    UPDATE retention_runs
    SET status = 'failed', error = ${INTERRUPTED_MESSAGE}, finished_at = now()
    WHERE status = 'running'`;
}
