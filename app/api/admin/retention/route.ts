import { allowOptions, methodNotAllowed } from "@/lib/http/method-not-allowed";
import { handleRetentionRequest } from "@/lib/retention/handle-retention-request";

export const dynamic = "force-dynamic";

// POST /api/admin/retention – run the retention job now, or a dry run (contract §4)
export function POST(request: Request) {
  return handleRetentionRequest(request);
}

// GET, HEAD, PUT, DELETE, PATCH /api/admin/retention – 405 with Allow and the JSON error body
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
export const OPTIONS = allowOptions(["POST"]);
