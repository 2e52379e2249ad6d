import "server-only";
import { readPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** The error types a project has logged recently, for the type filter (bounded scan). */
export async function findErrorTypes({ projectId, since }: { projectId: string; since: Date }): Promise<string[]> {
  const rows = await readPrisma().$queryRaw<{ error_type: string }[]>(buildErrorTypesSql({ projectId, since }));
  return rows.map((r) => r.error_type);
}

/** The statement behind findErrorTypes; the benchmark runs it raw. */
export function buildErrorTypesSql({ projectId, since }: { projectId: string; since: Date }): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT error_type FROM (
      SELECT error_type FROM error_logs WHERE project_id = ${projectId} AND created_at > ${since}::timestamptz
      ORDER BY created_at DESC LIMIT 5000) AS recent
    ORDER BY error_type LIMIT 100`;
}
