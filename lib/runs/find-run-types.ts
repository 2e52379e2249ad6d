import "server-only";
import { readPrisma } from "@/lib/db/client";

/** At most this many types are offered in the filter. */
const MAX_TYPES = 100;

/**
 * Every event and error type seen in a run, for the type filter. A skip scan of the
 * (run_id, event_type) and (run_id, error_type) indexes: one index probe per distinct
 * type, so a run of millions of events costs what a run of ten does, and a type seen
 * once, long ago, is offered too.
 */
export async function findRunTypes({ runId }: { runId: string }): Promise<string[]> {
  const rows = await readPrisma().$queryRaw<{ type: string }[]>`
    WITH RECURSIVE event_types AS (
      (SELECT event_type AS type, 1 AS n FROM event_logs WHERE run_id = ${runId} ORDER BY event_type LIMIT 1)
      UNION ALL
      SELECT (SELECT event_type FROM event_logs WHERE run_id = ${runId} AND event_type > t.type ORDER BY event_type LIMIT 1), t.n + 1
      FROM event_types AS t WHERE t.type IS NOT NULL AND t.n < ${MAX_TYPES}
    ), error_types AS (
      (SELECT error_type AS type, 1 AS n FROM error_logs WHERE run_id = ${runId} ORDER BY error_type LIMIT 1)
      UNION ALL
      SELECT (SELECT error_type FROM error_logs WHERE run_id = ${runId} AND error_type > t.type ORDER BY error_type LIMIT 1), t.n + 1
      FROM error_types AS t WHERE t.type IS NOT NULL AND t.n < ${MAX_TYPES}
    )
    SELECT type FROM (SELECT type FROM event_types UNION SELECT type FROM error_types) AS types
    WHERE type IS NOT NULL ORDER BY type LIMIT ${MAX_TYPES}`;
  return rows.map((r) => r.type);
}
