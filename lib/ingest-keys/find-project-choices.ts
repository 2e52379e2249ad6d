import "server-only";
import { prisma } from "@/lib/db/client";

/** Projects a new key may be bound to, for the picker (ids can also be typed freely), with their DSN numbers. */
export async function findProjectChoices(): Promise<{ id: string; name: string; dsnId: number }[]> {
  return prisma().project.findMany({ orderBy: { name: "asc" }, take: 500, select: { id: true, name: true, dsnId: true } });
}
