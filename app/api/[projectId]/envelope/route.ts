import { ingestConfigFromEnv } from "@/lib/ingest/ingest-config";
import { createSentryRoute } from "@/lib/ingest/sentry/create-sentry-route";

export const dynamic = "force-dynamic";

// POST /api/[projectId]/envelope – a Sentry SDK's envelope; projectId is the DSN's number. OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = createSentryRoute("envelope", ingestConfigFromEnv);
