import "server-only";
import { prisma } from "@/lib/db/client";

/** The error types a project has logged recently, for the type filter (bounded scan). */
export async function findErrorTypes({ projectId, since }: { projectId: string; since: Date }): Promise<string[]> {
  const rows = await prisma().$queryRaw<{ error_type: string }[]>`
    SELECT DISTINCT error_type FROM (
      SELECT error_type FROM error_logs WHERE project_id = ${projectId} AND created_at > ${since}::timestamptz
      ORDER BY created_at DESC LIMIT 5000) AS recent
    ORDER BY error_type LIMIT 100`;
  return rows.map((r) => r.error_type);
}
