import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { routeParam } from "@/lib/format/route-param";
import { handleLifecyclePreflight, handleLifecycleRequest, lifecycleCorsHeaders } from "@/lib/runs/handle-lifecycle-request";
import { createRunUpdateSchema } from "@/lib/runs/run-lifecycle-input";
import { updateRunStatus } from "@/lib/runs/update-run-status";

export const dynamic = "force-dynamic";

// PATCH /api/runs/[runId] – set a run's name, status (started/succeeded/failed/cancelled,
// with its end) or project; creates the run if needed (docs/runs-and-projects.md)
export async function PATCH(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const id = routeParam((await params).runId) ?? "";
  return handleLifecycleRequest(request, {
    id,
    idName: "runId",
    createSchema: createRunUpdateSchema,
    apply: async ({ id: runId, body, boundProjectId, now }) => ({ run: await updateRunStatus({ runId, input: body, boundProjectId, now }) }),
  });
}

// OPTIONS /api/runs/[runId] – CORS preflight for the origins in CORS_ORIGINS
export function OPTIONS(request: Request) {
  return handleLifecyclePreflight(request);
}

// GET, HEAD, POST, PUT, DELETE /api/runs/[runId] – 405 with Allow and the JSON error body
const notAllowed = methodNotAllowed(["PATCH"], { headers: lifecycleCorsHeaders });
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
