import { createJsonIngestRoute } from "@/lib/ingest/create-json-ingest-route";
import { ingestConfigFromEnv } from "@/lib/ingest/ingest-config";
import { EVENTS_ENDPOINT } from "@/lib/ingest/ingest-endpoints";

export const dynamic = "force-dynamic";

// POST /api/events – store one event or {"events": […]}, atomically (contract §3); OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = createJsonIngestRoute(EVENTS_ENDPOINT, ingestConfigFromEnv);
