import "server-only";
import { createItemStore } from "./insert-items";
import type { TEventItem } from "./item-schemas";

/** Stores validated events atomically; their ids (given or made here) in request order. */
export const storeEvents = createItemStore<TEventItem>("event_logs", [
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
