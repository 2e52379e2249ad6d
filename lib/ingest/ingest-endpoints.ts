import "server-only";
import type { IngestEndpoint } from "./ingest-items";
import { createErrorItemSchema, createEventItemSchema, type TErrorItem, type TEventItem } from "./item-schemas";
import { storeErrors } from "./store-errors";
import { storeEvents } from "./store-events";
import { recordRunActivity } from "@/lib/runs/record-run-activity";
import type { StoreResult } from "./ingest-items";

/**
 * After a batch was stored (and only then: nothing refused), what it says about its runs
 * and projects: when they last logged, and which runs a terminal event ended.
 */
function withRunActivity<T extends { runId?: string; projectId?: string; createdAt?: Date }>(store: IngestEndpoint<T>["store"], eventType: (item: T) => string | undefined): IngestEndpoint<T>["store"] {
  return async (items, options): Promise<StoreResult> => {
    const result = await store(items, options);
    if (!result.foreignRunIds.length && !result.foreignItemIds.length && !result.otherKindItemIds.length) {
      await recordRunActivity(items.map((item) => ({ runId: item.runId, projectId: item.projectId, createdAt: item.createdAt ?? options.receivedAt, eventType: eventType(item) })));
    }
    return result;
  };
}

export const EVENTS_ENDPOINT: IngestEndpoint<TEventItem> = {
  batchKey: "events",
  itemName: "event",
  createSchema: createEventItemSchema,
  store: withRunActivity(storeEvents, (item) => item.eventType),
};

export const ERRORS_ENDPOINT: IngestEndpoint<TErrorItem> = {
  batchKey: "errors",
  itemName: "error",
  createSchema: createErrorItemSchema,
  store: withRunActivity(storeErrors, () => undefined),
};
