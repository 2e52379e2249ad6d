// logdeck's browser/Node client: the ErrorService and the Event Bus. No dependencies;
// copy lib/client/ into another project as it is.
export { createErrorService, type ErrorReport, type ErrorService, type ErrorServiceOptions } from "./create-error-service";
export { createEventBus, type EventBus, type EventBusOptions, type EventInput, type QueuedEvent } from "./create-event-bus";
export { computeBackoffMs, IngestRequestError, postWithRetry, sendJsonWithRetry, type RetryOptions, type TransportOptions } from "./post-with-retry";
