// Heavy requests — live polls, exports: each holds a database connection for a while —
// limited per signed-in user, per process: one member with 150 live tabs took the whole
// pool (other users saw 503s and an 8 s home page). Past HEAVY_REQUESTS_PER_USER in
// progress, the next is refused at once with 429 and Retry-After (the live view polls
// again on its own), before any query.
import { AppError } from "./app-error";

export interface HeavySlot {
  /** Gives the slot back; idempotent. */
  release(): void;
}

const inProgress = ((globalThis as { __logdeckHeavyRequests?: Map<string, number> }).__logdeckHeavyRequests ??= new Map<string, number>());

/** A slot for one heavy request of `userId`, or a 429 AppError when the user has `max` already. */
export function acquireHeavySlot(userId: string, max: number): HeavySlot {
  const held = inProgress.get(userId) ?? 0;
  if (held >= max) {
    throw new AppError("rate_limited", `You have ${held} live views or exports loading at once, the most allowed (HEAVY_REQUESTS_PER_USER=${max}); retry in a moment, or close some tabs.`, {
      retryAfter: 1,
    });
  }
  inProgress.set(userId, held + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (inProgress.get(userId) ?? 1) - 1;
      if (left <= 0) inProgress.delete(userId);
      else inProgress.set(userId, left);
    },
  };
}

/**
 * `body` as a response body holding `slot` while it may still read the database, then
 * giving it back exactly once, whatever ends it: read to the end, failed, cancelled by its
 * reader, or `signal` (the request's) aborted. The signal is needed: Next.js drops the
 * body of a response whose client went away before it started (or while the handler
 * still ran) without cancelling it, so neither end nor cancel came and the slot was lost
 * for good — ten cancelled downloads, and that user got 429 from every export and live
 * view until a restart. A read in progress when the body is cancelled or the client goes
 * away keeps the slot until it settles: its query still holds a connection.
 */
export function releaseWhenDone(body: ReadableStream<Uint8Array>, slot: HeavySlot, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let reading: Promise<unknown> | null = null;
  let stopped = false;
  let cancelled = false;
  const finish = () => {
    signal.removeEventListener("abort", onAbort);
    slot.release();
  };
  // Gives the slot back (once the read in progress, if any, has settled) and stops `body`.
  const stop = (reason: unknown): Promise<void> => {
    if (stopped) return Promise.resolve();
    stopped = true;
    const cancel = () => {
      finish();
      return reader.cancel(reason).catch(() => {});
    };
    return reading ? reading.then(cancel) : cancel();
  };
  const onAbort = () => void stop(signal.reason);
  if (signal.aborted) void stop(signal.reason);
  else signal.addEventListener("abort", onAbort, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (stopped) return controller.close();
        const read = reader.read();
        reading = read.catch(() => {});
        try {
          const { done, value } = await read;
          if (stopped) {
            // Its client is gone: the chunk is dropped and the body ends (a cancelled one has).
            if (!cancelled) controller.close();
            return;
          }
          if (done) {
            finish();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          finish();
          if (!cancelled) controller.error(error);
        } finally {
          reading = null;
        }
      },
      cancel(reason) {
        cancelled = true;
        return stop(reason);
      },
    },
    // Nothing is read ahead of the client: a read starts when it asks for the next chunk.
    { highWaterMark: 0 },
  );
}

/**
 * Opens a response body while holding `slot`: `open` reads what must be read before the
 * 200 (an export's first batch); if it throws, the slot is given back at once and the
 * error goes on (a 400, a 503); else its `body` is handed out as releaseWhenDone says.
 */
export async function openHoldingSlot<T extends { body: ReadableStream<Uint8Array> }>(slot: HeavySlot, signal: AbortSignal, open: () => Promise<T>): Promise<T> {
  let opened: T;
  try {
    opened = await open();
  } catch (error) {
    slot.release();
    throw error;
  }
  return { ...opened, body: releaseWhenDone(opened.body, slot, signal) };
}
