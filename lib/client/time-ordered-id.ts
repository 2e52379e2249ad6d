// Item ids that sort in the order they were made (UUIDv7, RFC 9562, with the 12-bit
// counter of its "method 1" for ids made within one millisecond). The timeline orders
// rows by (created_at, id): with random ids, events emitted in the same millisecond —
// SIM_STARTED and its first SIM_STEP, say — came back in random order.

let lastMs = -1;
let counter = 0;

/** A new UUIDv7 string; within one page/process, each sorts after the one made before. */
export function timeOrderedId(now: number = Date.now()): { id: string; ms: number } {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    // 4,096 ids in one millisecond: borrow the next millisecond, as the RFC allows.
    if (counter > 0xfff) {
      ms = lastMs + 1;
      counter = randomCounterStart();
    }
  } else {
    counter = randomCounterStart();
  }
  lastMs = ms;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  // 48-bit big-endian millisecond timestamp.
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | (counter >> 8); // version 7, counter's high 4 bits
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, ms };
}

// A random start in the lower half leaves at least 2,048 ids per millisecond before a borrow.
function randomCounterStart(): number {
  const [value] = crypto.getRandomValues(new Uint16Array(1));
  return value! & 0x7ff;
}
