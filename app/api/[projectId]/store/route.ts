import { ingestConfigFromEnv } from "@/lib/ingest/ingest-config";
import { createSentryRoute } from "@/lib/ingest/sentry/create-sentry-route";

export const dynamic = "force-dynamic";

// POST /api/[projectId]/store – a Sentry SDK's event (the older store endpoint); projectId is the DSN's number. OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = createSentryRoute("store", ingestConfigFromEnv);
