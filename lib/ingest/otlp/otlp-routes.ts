import "server-only";
// The OTLP/HTTP routes, built once; app/v1/* and app/api/otlp/v1/* re-export them.
import { ingestConfigFromEnv } from "../ingest-config";
import { createOtlpRoute } from "./create-otlp-route";
import { ExportLogsServiceRequestSchema, ExportLogsServiceResponseSchema, ExportTraceServiceRequestSchema, ExportTraceServiceResponseSchema } from "./gen/logdeck/otlp/v1/otlp_pb";
import { otlpLogsToItems } from "./otlp-logs-to-items";
import { otlpTracesToItems } from "./otlp-traces-to-items";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";

export const otlpLogsRoute = createOtlpRoute(
  {
    request: ExportLogsServiceRequestSchema,
    response: ExportLogsServiceResponseSchema,
    unit: "log records",
    kind: "logs",
    toItems: otlpLogsToItems,
    partialSuccess: (rejected, errorMessage) => ({ rejectedLogRecords: rejected, errorMessage }),
  },
  ingestConfigFromEnv,
);

export const otlpTracesRoute = createOtlpRoute(
  {
    request: ExportTraceServiceRequestSchema,
    response: ExportTraceServiceResponseSchema,
    unit: "spans",
    kind: "traces",
    toItems: otlpTracesToItems,
    partialSuccess: (rejected, errorMessage) => ({ rejectedSpans: rejected, errorMessage }),
  },
  ingestConfigFromEnv,
);

/** Metrics are not stored: a clear 404 (an OTLP client would otherwise retry or log a vague failure). */
export const otlpMetricsRoute = defineRoute({
  auth: publicRoute,
  methods: {
    POST: () => {
      throw new AppError("not_found", "Metrics are not stored by logdeck; set OTEL_METRICS_EXPORTER=none (logs go to /v1/logs, traces to /v1/traces).");
    },
  },
});
