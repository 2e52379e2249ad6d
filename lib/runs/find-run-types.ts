import "server-only";
import { prisma } from "@/lib/db/client";

/** Event and error types seen in a run, for the type filter (a bounded scan of the newest rows). */
export async function findRunTypes({ runId }: { runId: string }): Promise<string[]> {
  const rows = await prisma().$queryRaw<{ type: string }[]>`
    SELECT DISTINCT type FROM (
      (SELECT event_type AS type FROM event_logs WHERE run_id = ${runId} ORDER BY created_at DESC LIMIT 2000)
      UNION ALL
      (SELECT error_type AS type FROM error_logs WHERE run_id = ${runId} ORDER BY created_at DESC LIMIT 500)
    ) AS recent ORDER BY type LIMIT 100`;
  return rows.map((r) => r.type);
}
