// A heavy request's slot comes back exactly once whatever ends its body — read to the end,
// failed, cancelled, or its client gone (the request's signal) — and not while a read it
// started still runs (that read's query holds a database connection).
import { describe, expect, it } from "vitest";
import { acquireHeavySlot, releaseWhenDone } from "./heavy-request-limit";

const held = (user: string) => {
  try {
    acquireHeavySlot(user, 1).release();
    return false;
  } catch {
    return true;
  }
};

/** A body whose next chunk comes when `deliver` is called. */
function slowBody() {
  let deliver = (_: string) => {};
  const body = new ReadableStream<Uint8Array>(
    { pull: (controller) => new Promise<void>((resolve) => (deliver = (text) => (controller.enqueue(new TextEncoder().encode(text)), resolve()))) },
    { highWaterMark: 0 },
  );
  return { body, deliver: (text: string) => deliver(text) };
}

describe("releaseWhenDone", () => {
  it("gives the slot back when the body is read to the end", async () => {
    const stream = releaseWhenDone(new Response("rows").body!, acquireHeavySlot("end", 1), new AbortController().signal);
    expect(held("end")).toBe(true);
    expect(await new Response(stream).text()).toBe("rows");
    expect(held("end")).toBe(false);
  });

  it("gives it back when the body fails, and passes the error on", async () => {
    const failing = new ReadableStream<Uint8Array>({ pull: () => Promise.reject(new Error("lock timeout")) });
    const stream = releaseWhenDone(failing, acquireHeavySlot("fail", 1), new AbortController().signal);
    await expect(new Response(stream).text()).rejects.toThrow("lock timeout");
    expect(held("fail")).toBe(false);
  });

  it("gives it back at once when the client is gone before the body is read, or was gone already", async () => {
    const client = new AbortController();
    releaseWhenDone(new Response("rows").body!, acquireHeavySlot("gone", 1), client.signal);
    expect(held("gone")).toBe(true);
    client.abort();
    expect(held("gone")).toBe(false);
    releaseWhenDone(new Response("rows").body!, acquireHeavySlot("gone", 1), AbortSignal.abort());
    expect(held("gone")).toBe(false);
  });

  it("keeps it while a read started before the client left still runs", async () => {
    const client = new AbortController();
    const { body, deliver } = slowBody();
    const reader = releaseWhenDone(body, acquireHeavySlot("reading", 1), client.signal).getReader();
    const read = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.abort();
    expect(held("reading")).toBe(true);
    deliver("batch");
    // Its client is gone: the batch is dropped and the body ends.
    expect((await read).done).toBe(true);
    expect(held("reading")).toBe(false);
  });

  it("gives it back once when the body is cancelled and the client then goes", async () => {
    const client = new AbortController();
    const stream = releaseWhenDone(new Response("rows").body!, acquireHeavySlot("cancel", 2), client.signal);
    const other = acquireHeavySlot("cancel", 2);
    await stream.cancel();
    client.abort();
    // The other request's slot is still counted: the cancelled one was released once, not twice.
    expect(() => acquireHeavySlot("cancel", 1)).toThrow();
    other.release();
    expect(held("cancel")).toBe(false);
  });
});
