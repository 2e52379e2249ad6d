import { handleIngestPreflight, handleIngestRequest } from "@/lib/ingest/handle-ingest-request";
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
