import "server-only";
import { newId } from "@/lib/ids";
import { createItemInserter } from "./insert-items";
import type { StoreResult } from "./handle-ingest-request";
import type { TErrorItem } from "./item-schemas";

type ErrorRow = TErrorItem & { id: string; createdAt: Date };

const insertErrors = createItemInserter<ErrorRow>("error_logs", [
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

/** Stores validated errors atomically; their ids (given or made here) in request order. */
export async function storeErrors(items: TErrorItem[], { receivedAt, boundProjectId }: { receivedAt: Date; boundProjectId: string | null }): Promise<StoreResult> {
  // The items are this request's own parsed objects: filled in place, not copied.
  for (const item of items) {
    item.id ??= newId();
    item.createdAt ??= receivedAt;
  }
  const rows = items as readonly ErrorRow[];
  const { foreignRunIds } = await insertErrors(rows, { boundProjectId });
  return { ids: rows.map((row) => row.id), foreignRunIds };
}
