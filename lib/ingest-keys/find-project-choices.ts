import "server-only";
import { prisma } from "@/lib/db/client";

/** Projects a new key may be bound to, for the picker (ids can also be typed freely). */
export async function findProjectChoices(): Promise<{ id: string; name: string }[]> {
  return prisma().project.findMany({ orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } });
}
