// The Event Bus's way to logdeck: events are queued and sent in batches (when
// `batchSize` are waiting, or every `flushIntervalMs`), retried with the same ids, and on
// page unload what is left goes with navigator.sendBeacon (`?key=`, text/plain: no
// preflight, survives the page). Dependency-free.
import { IngestRequestError, postJsonWithRetry, type TransportOptions } from "./post-with-retry";
import { timeOrderedId } from "./time-ordered-id";
import { toJson } from "./to-json";

export interface EventBusOptions extends TransportOptions {
  baseUrl: string;
  ingestKey: string;
  projectId?: string;
  /** Events per request; default 100 (the server takes up to 1,000). */
  batchSize?: number;
  /**
   * Bytes of JSON per request; default 900,000 (the server takes 1 MiB by default,
   * INGEST_MAX_BODY_BYTES). A batch is cut at whichever of batchSize and this comes first,
   * so large payloads never make a whole batch a 413.
   */
  maxBatchBytes?: number;
  /** Send what is queued this often; default 2,000 ms. 0: only on batchSize or flush(). */
  flushIntervalMs?: number;
  /** Drop the oldest events past this many queued (a server down for long); default 10,000. */
  maxQueue?: number;
  onDeliveryFailure?: (error: unknown, events: readonly QueuedEvent[]) => void;
  /** For tests and non-browser hosts. Default: navigator.sendBeacon when there is one. */
  sendBeacon?: (url: string, data: Blob | string) => boolean;
}

export interface EventInput {
  eventType: string;
  payload?: Record<string, unknown>;
  runId?: string;
  userId?: string;
  actorType?: "user" | "system";
  actorId?: string;
}

export interface QueuedEvent extends EventInput {
  id: string;
  projectId?: string;
  createdAt: string;
}

export interface EventBus {
  /** Queues an event; returns its id. */
  emit(event: EventInput): string;
  /** Sends everything queued now; resolves when every batch was stored or given up. */
  flush(): Promise<void>;
  /** Sends everything queued (and in flight) with sendBeacon; true when the browser took it all. */
  flushWithBeacon(): boolean;
  /** Flushes with sendBeacon when the page is hidden or unloaded; returns a detach function. */
  attachUnloadFlush(target?: Pick<EventTarget, "addEventListener" | "removeEventListener">): () => void;
  close(): Promise<void>;
}

const BEACON_BYTES = 60_000; // browsers cap a page's beacons at 64 KiB in flight
const ENVELOPE_BYTES = '{"events":[]}'.length;

/** The UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A queued event and its JSON, written once when it is emitted. */
interface Entry {
  event: QueuedEvent;
  json: string;
  bytes: number;
}

/**
 * `entries` in order, cut into batches of at most `maxItems` events and `maxBytes` of JSON
 * body; an event too large for `maxBytes` alone is a batch of its own (its own 413).
 */
function toBatches(entries: readonly Entry[], maxItems: number, maxBytes: number): Entry[][] {
  const batches: Entry[][] = [];
  let batch: Entry[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries) {
    const size = entry.bytes + 1;
    if (batch.length && (batch.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = ENVELOPE_BYTES;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

const batchJson = (batch: readonly Entry[]) => `{"events":[${batch.map((entry) => entry.json).join(",")}]}`;

export function createEventBus(options: EventBusOptions): EventBus {
  const base = options.baseUrl.replace(/\/$/, "");
  const url = `${base}/api/events`;
  const batchSize = Math.min(options.batchSize ?? 100, 1_000);
  const maxBatchBytes = options.maxBatchBytes ?? 900_000;
  const maxQueue = options.maxQueue ?? 10_000;
  const queue: Entry[] = [];
  const inFlight = new Set<Entry[]>();
  const sending = new Set<Promise<void>>();
  const onFailure = options.onDeliveryFailure ?? ((error: unknown) => console.warn("logdeck: events were not delivered", error));
  const beacon = options.sendBeacon ?? (typeof navigator !== "undefined" && navigator.sendBeacon ? navigator.sendBeacon.bind(navigator) : undefined);

  const timer = options.flushIntervalMs === 0 ? undefined : setInterval(() => void flush(), options.flushIntervalMs ?? 2_000);
  (timer as { unref?: () => void } | undefined)?.unref?.();

  function sendBatch(batch: Entry[]): Promise<void> {
    inFlight.add(batch);
    const done = postJsonWithRetry(url, options.ingestKey, batchJson(batch), options)
      .then(
        () => undefined,
        (error) =>
          onFailure(
            error instanceof IngestRequestError ? error : new IngestRequestError(String(error), null, null),
            batch.map((entry) => entry.event),
          ),
      )
      .finally(() => {
        inFlight.delete(batch);
        sending.delete(done);
      });
    sending.add(done);
    return done;
  }

  function flush(): Promise<void> {
    for (const batch of toBatches(queue.splice(0), batchSize, maxBatchBytes)) sendBatch(batch);
    return Promise.all([...sending]).then(() => undefined);
  }

  function flushWithBeacon(): boolean {
    if (!beacon) return false;
    // In-flight batches go again: their ids make a second copy harmless.
    const pending = [...[...inFlight].flat(), ...queue.splice(0)];
    const beaconUrl = `${url}?key=${encodeURIComponent(options.ingestKey)}`;
    let ok = true;
    for (const batch of toBatches(pending, batchSize, BEACON_BYTES)) {
      ok = beacon(beaconUrl, new Blob([batchJson(batch)], { type: "text/plain" })) && ok;
    }
    return ok;
  }

  return {
    emit(event) {
      // A time-ordered id: events of one millisecond keep the order they were emitted in.
      const { id, ms } = timeOrderedId();
      const queued: QueuedEvent = { id, createdAt: new Date(ms).toISOString(), ...(options.projectId ? { projectId: options.projectId } : {}), ...event };
      // Written now, so that an event JSON cannot hold (a circular payload) is refused on
      // its own, here, rather than breaking a later flush and the batch it would be in.
      let json: string;
      try {
        json = toJson(queued);
      } catch (error) {
        onFailure(new IngestRequestError(`the event cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`, null, null), [queued]);
        return queued.id;
      }
      queue.push({ event: queued, json, bytes: utf8Length(json) });
      if (queue.length > maxQueue) queue.splice(0, queue.length - maxQueue);
      if (queue.length >= batchSize) void flush();
      return queued.id;
    },
    flush,
    flushWithBeacon,
    attachUnloadFlush(target = globalThis as unknown as EventTarget) {
      const onHide = () => {
        const doc = (globalThis as { document?: { visibilityState?: string } }).document;
        if (!doc || doc.visibilityState === "hidden") flushWithBeacon();
      };
      const onPageHide = () => flushWithBeacon();
      target.addEventListener("visibilitychange", onHide);
      target.addEventListener("pagehide", onPageHide);
      return () => {
        target.removeEventListener("visibilitychange", onHide);
        target.removeEventListener("pagehide", onPageHide);
      };
    },
    async close() {
      if (timer) clearInterval(timer);
      await flush();
    },
  };
}
