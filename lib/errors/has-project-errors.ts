import "server-only";
import { readPrisma } from "@/lib/db/client";

/** Whether the project has any error at all, in any window (one index probe). */
export async function hasProjectErrors({ projectId }: { projectId: string }): Promise<boolean> {
  const row = await readPrisma().errorLog.findFirst({ where: { projectId }, select: { id: true } });
  return row !== null;
}
