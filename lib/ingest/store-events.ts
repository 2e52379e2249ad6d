import "server-only";
import { newId } from "@/lib/ids";
import { createItemInserter } from "./insert-items";
import type { StoreResult } from "./handle-ingest-request";
import type { TEventItem } from "./item-schemas";

type EventRow = TEventItem & { id: string; createdAt: Date };

const insertEvents = createItemInserter<EventRow>("event_logs", [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "event_type", type: "text", value: (row) => row.eventType },
  // Serialized and scrubbed by the schema.
  { name: "payload", type: "jsonb", value: (row) => row.payload },
  { name: "project_id", type: "text", value: (row) => row.projectId },
  { name: "run_id", type: "text", value: (row) => row.runId },
  { name: "user_id", type: "text", value: (row) => row.userId },
  { name: "actor_type", type: "text", value: (row) => row.actorType },
  { name: "actor_id", type: "text", value: (row) => row.actorId },
  { name: "created_at", type: "timestamptz", value: (row) => row.createdAt.toISOString() },
]);

/** Stores validated events atomically; their ids (given or made here) in request order. */
export async function storeEvents(items: TEventItem[], { receivedAt, boundProjectId }: { receivedAt: Date; boundProjectId: string | null }): Promise<StoreResult> {
  // The items are this request's own parsed objects: filled in place, not copied.
  for (const item of items) {
    item.id ??= newId();
    item.createdAt ??= receivedAt;
  }
  const rows = items as readonly EventRow[];
  const { foreignRunIds } = await insertEvents(rows, { boundProjectId });
  return { ids: rows.map((row) => row.id), foreignRunIds };
}
