import { createJsonIngestRoute } from "@/lib/ingest/create-json-ingest-route";
import { ingestConfigFromEnv } from "@/lib/ingest/ingest-config";
import { ERRORS_ENDPOINT } from "@/lib/ingest/ingest-endpoints";

export const dynamic = "force-dynamic";

// POST /api/errors – store one error or {"errors": […]}, atomically (contract §3); the ErrorService's endpoint. OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = createJsonIngestRoute(ERRORS_ENDPOINT, ingestConfigFromEnv);
