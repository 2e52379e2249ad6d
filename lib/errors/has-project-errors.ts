import "server-only";
import { prisma } from "@/lib/db/client";

/** Whether the project has any error at all, in any window (one index probe). */
export async function hasProjectErrors({ projectId }: { projectId: string }): Promise<boolean> {
  const row = await prisma().errorLog.findFirst({ where: { projectId }, select: { id: true } });
  return row !== null;
}
