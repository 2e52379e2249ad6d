import { handleIngestPreflight, handleIngestRequest } from "@/lib/ingest/handle-ingest-request";
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
