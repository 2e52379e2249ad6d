import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { handleIngestPreflight, handleIngestRequest, ingestCorsHeaders } from "@/lib/ingest/handle-ingest-request";
import { ERRORS_ENDPOINT } from "@/lib/ingest/ingest-endpoints";

export const dynamic = "force-dynamic";

// POST /api/errors – store one error or {"errors": […]}, atomically (contract §3); the ErrorService's endpoint
export function POST(request: Request) {
  return handleIngestRequest(request, ERRORS_ENDPOINT);
}

// OPTIONS /api/errors – CORS preflight for the origins in CORS_ORIGINS
export function OPTIONS(request: Request) {
  return handleIngestPreflight(request);
}

// GET, HEAD, PUT, DELETE, PATCH /api/errors – 405 with Allow, the JSON error body and the CORS headers
const notAllowed = methodNotAllowed(["POST"], { headers: ingestCorsHeaders });
export { notAllowed as GET, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
