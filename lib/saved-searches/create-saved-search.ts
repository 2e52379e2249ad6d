import "server-only";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { MAX_SAVED_SEARCHES_PER_USER, type TSaveSearchInput } from "./saved-search-input";

/** Saves a search for `ownerId`; "limit" when they already have the most allowed, "no_project" for an unknown project. */
export async function createSavedSearch({ ownerId, input }: { ownerId: string; input: TSaveSearchInput }): Promise<{ id: string } | "limit" | "no_project"> {
  return prisma().$transaction(async (tx) => {
    // Serialises one user's saves, so two at once cannot both pass the cap.
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${ownerId} FOR UPDATE`;
    if ((await tx.savedSearch.count({ where: { ownerId } })) >= MAX_SAVED_SEARCHES_PER_USER) return "limit";
    if (input.projectId && !(await tx.project.findUnique({ where: { id: input.projectId }, select: { id: true } }))) return "no_project";
    const id = newId(Date.now());
    await tx.savedSearch.create({
      data: {
        id,
        name: input.name,
        query: input.query,
        range: input.from ? null : (input.range ?? "24h"),
        from: input.from ? new Date(input.from) : null,
        to: input.to ? new Date(input.to) : null,
        projectId: input.projectId ?? null,
        ownerId,
        shared: input.shared,
      },
    });
    return { id };
  });
}
