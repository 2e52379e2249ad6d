import { otlpMetricsRoute } from "@/lib/ingest/otlp/otlp-routes";

export const dynamic = "force-dynamic";

// POST /api/otlp/v1/metrics – OTLP/HTTP export: 404, metrics are not stored; OPTIONS: CORS preflight; others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = otlpMetricsRoute;
