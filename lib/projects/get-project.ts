import "server-only";
import { prisma } from "@/lib/db/client";

/** One project, or null. */
export async function getProject({ projectId }: { projectId: string }): Promise<{ id: string; name: string } | null> {
  return prisma().project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
}
