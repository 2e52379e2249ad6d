import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { routeParam } from "@/lib/format/route-param";
import { updateProjectName } from "@/lib/projects/update-project-name";
import { handleLifecyclePreflight, handleLifecycleRequest, lifecycleCorsHeaders } from "@/lib/runs/handle-lifecycle-request";
import { createProjectUpdateSchema } from "@/lib/runs/run-lifecycle-input";

export const dynamic = "force-dynamic";

// PATCH /api/projects/[projectId] – set a project's display name; creates the project if
// needed (docs/runs-and-projects.md)
export async function PATCH(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const id = routeParam((await params).projectId) ?? "";
  return handleLifecycleRequest(request, {
    id,
    idName: "projectId",
    createSchema: createProjectUpdateSchema,
    apply: async ({ id: projectId, body, boundProjectId }) => ({ project: await updateProjectName({ projectId, name: body.name, boundProjectId }) }),
  });
}

// OPTIONS /api/projects/[projectId] – CORS preflight for the origins in CORS_ORIGINS
export function OPTIONS(request: Request) {
  return handleLifecyclePreflight(request);
}

// GET, HEAD, POST, PUT, DELETE /api/projects/[projectId] – 405 with Allow and the JSON error body
const notAllowed = methodNotAllowed(["PATCH"], { headers: lifecycleCorsHeaders });
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
