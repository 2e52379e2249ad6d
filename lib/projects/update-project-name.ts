import "server-only";
import { database } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";

/**
 * Names a project (PATCH /api/projects/:projectId), creating it when ingestion has not
 * yet: a client may name its project before sending anything. A key bound to a project
 * names only that one.
 */
export async function updateProjectName({ projectId, name, boundProjectId }: { projectId: string; name: string; boundProjectId: string | null }): Promise<{ id: string; name: string }> {
  if (boundProjectId !== null && projectId !== boundProjectId) {
    throw new AppError("forbidden", `This ingest key may only write project "${boundProjectId}", not "${projectId}".`, { details: [{ field: "projectId", message: `is not the key's project "${boundProjectId}"` }] });
  }
  const rows = await database().statement<{ id: string; name: string }>(
    "INSERT INTO projects (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING id, name",
    [projectId, name],
  );
  return rows[0]!;
}

/** An admin's rename from the dashboard: an existing project only. */
export async function renameProject({ projectId, name }: { projectId: string; name: string }): Promise<"renamed" | "not_found"> {
  const { count } = await prisma().project.updateMany({ where: { id: projectId }, data: { name } });
  return count ? "renamed" : "not_found";
}
