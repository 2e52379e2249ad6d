import "server-only";
import { database } from "@/lib/db/client";

/**
 * Deletes the log_ids entries of `kind` older than `cutoff` (their rows are gone or
 * going), in batches, each its own short transaction so ingestion's claims never wait
 * long behind it. Returns how many went.
 */
export async function deleteExpiredLogIds({ kind, cutoff, batchSize = 20_000 }: { kind: "event" | "error"; cutoff: Date; batchSize?: number }): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await database().transaction(
      async (sql) => {
        await sql("SELECT set_config('lock_timeout', '2000ms', true)");
        const { rowCount } = await sql(
          `DELETE FROM log_ids WHERE ctid = ANY(ARRAY(
             SELECT ctid FROM log_ids WHERE created_at < $2::timestamptz AND kind = $1 LIMIT $3))`,
          [kind, cutoff.toISOString(), batchSize],
        );
        return rowCount;
      },
      { statementTimeoutMs: 60_000 },
    );
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
