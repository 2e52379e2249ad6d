import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { handleIngestPreflight, handleIngestRequest, ingestCorsHeaders } from "@/lib/ingest/handle-ingest-request";
import { EVENTS_ENDPOINT } from "@/lib/ingest/ingest-endpoints";

export const dynamic = "force-dynamic";

// POST /api/events – store one event or {"events": […]}, atomically (contract §3)
export function POST(request: Request) {
  return handleIngestRequest(request, EVENTS_ENDPOINT);
}

// OPTIONS /api/events – CORS preflight for the origins in CORS_ORIGINS
export function OPTIONS(request: Request) {
  return handleIngestPreflight(request);
}

// GET, HEAD, PUT, DELETE, PATCH /api/events – 405 with Allow, the JSON error body and the CORS headers
const notAllowed = methodNotAllowed(["POST"], { headers: ingestCorsHeaders });
export { notAllowed as GET, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
