import "server-only";
import { prisma } from "@/lib/db/client";

/** The project a DSN's number names (projects.dsn_id), or null. */
export async function findDsnProject({ dsnId }: { dsnId: number }): Promise<{ id: string } | null> {
  return prisma().project.findUnique({ where: { dsnId }, select: { id: true } });
}
