import "server-only";
import { createItemStore } from "./insert-items";
import type { TErrorItem } from "./item-schemas";

/** Stores validated errors atomically; their ids (given or made here) in request order. */
export const storeErrors = createItemStore<TErrorItem>("error_logs", [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "trace_id", type: "text", value: (row) => row.traceId },
  { name: "error_type", type: "text", value: (row) => row.errorType },
  { name: "message", type: "text", value: (row) => row.message },
  { name: "stack", type: "text", value: (row) => row.stack },
  // Serialized and scrubbed by the schema; undefined stores SQL NULL.
  { name: "detail", type: "jsonb", value: (row) => row.detail },
  { name: "project_id", type: "text", value: (row) => row.projectId },
  { name: "run_id", type: "text", value: (row) => row.runId },
  { name: "endpoint", type: "text", value: (row) => row.endpoint },
  { name: "severity", type: "text", value: (row) => row.severity },
  { name: "created_at", type: "timestamptz", value: (row) => row.createdAt.toISOString() },
]);
