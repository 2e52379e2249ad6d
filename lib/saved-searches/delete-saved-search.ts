import "server-only";
import { prisma } from "@/lib/db/client";

/** Deletes a saved search its owner (or any admin) asks to delete; "not_found" otherwise. */
export async function deleteSavedSearch({ id, userId, isAdmin }: { id: string; userId: string; isAdmin: boolean }): Promise<"deleted" | "not_found"> {
  // Scoped in the where: a member's request names only their own searches.
  const { count } = await prisma().savedSearch.deleteMany({ where: isAdmin ? { id } : { id, ownerId: userId } });
  return count ? "deleted" : "not_found";
}
