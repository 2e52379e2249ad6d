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

/** `body`, releasing `slot` when it has been read to the end, failed or been cancelled. */
export function releaseWhenDone(body: ReadableStream<Uint8Array>, slot: HeavySlot): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          slot.release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        slot.release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      slot.release();
      await reader.cancel(reason);
    },
  });
}
