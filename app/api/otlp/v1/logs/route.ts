import { otlpLogsRoute } from "@/lib/ingest/otlp/otlp-routes";

export const dynamic = "force-dynamic";

// POST /api/otlp/v1/logs – OTLP/HTTP export (protobuf or JSON; docs/ingest-protocols.md); OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = otlpLogsRoute;
