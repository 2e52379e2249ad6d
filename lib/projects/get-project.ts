import "server-only";
import { cache } from "react";
import { readPrisma } from "@/lib/db/client";

/** One project, or null (once per request). */
export function getProject({ projectId }: { projectId: string }): Promise<{ id: string; name: string; lastRowAt: Date | null } | null> {
  return getProjectById(projectId);
}

// React's cache keys on argument identity, so the cached function takes the id itself.
const getProjectById = cache(async (projectId: string) => readPrisma().project.findUnique({ where: { id: projectId }, select: { id: true, name: true, lastRowAt: true } }));
