import "server-only";
import type { IngestEndpoint } from "./ingest-items";
import { createErrorItemSchema, createEventItemSchema, type TErrorItem, type TEventItem } from "./item-schemas";
import { storeErrors } from "./store-errors";
import { storeEvents } from "./store-events";

export const EVENTS_ENDPOINT: IngestEndpoint<TEventItem> = {
  batchKey: "events",
  itemName: "event",
  createSchema: createEventItemSchema,
  store: storeEvents,
};

export const ERRORS_ENDPOINT: IngestEndpoint<TErrorItem> = {
  batchKey: "errors",
  itemName: "error",
  createSchema: createErrorItemSchema,
  store: storeErrors,
};
