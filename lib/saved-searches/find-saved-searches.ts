import "server-only";
import { prisma } from "@/lib/db/client";

export interface SavedSearchDto {
  id: string;
  name: string;
  query: string;
  range: string | null;
  from: string | null;
  to: string | null;
  shared: boolean;
  /** Whether this user may delete it (theirs, or any when an admin). */
  deletable: boolean;
  ownerEmail: string;
}

/** The searches a user sees in one explorer (a project's, or /explore's): their own and every shared one, newest first. */
export async function findSavedSearches({ userId, isAdmin, projectId }: { userId: string; isAdmin: boolean; projectId: string | null }): Promise<SavedSearchDto[]> {
  const rows = await prisma().savedSearch.findMany({
    where: { projectId, OR: [{ ownerId: userId }, { shared: true }] },
    select: { id: true, name: true, query: true, range: true, from: true, to: true, shared: true, ownerId: true, owner: { select: { email: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 250,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query,
    range: r.range,
    from: r.from?.toISOString() ?? null,
    to: r.to?.toISOString() ?? null,
    shared: r.shared,
    deletable: isAdmin || r.ownerId === userId,
    ownerEmail: r.owner.email,
  }));
}
