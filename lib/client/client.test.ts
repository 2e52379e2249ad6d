import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createErrorService } from "./create-error-service";
import { createEventBus } from "./create-event-bus";
import { computeBackoffMs, IngestRequestError, postWithRetry, sendJsonWithRetry } from "./post-with-retry";

type Call = { url: string; init: RequestInit; body: any };

/** A fetch that answers from a script, recording every call. */
function scriptedFetch(answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init!, body: JSON.parse(String(init!.body)) });
    const next = answers.shift() ?? created([]);
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
const created = (ids: string[]) => Response.json({ ids }, { status: 201 });
const refused = (status: number, headers: Record<string, string> = {}) => Response.json({ error: { code: "x", message: `refused ${status}`, details: [] } }, { status, headers });
const noSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe("postWithRetry", () => {
  it("retries 429, 503 and network failures with the same body, honouring Retry-After", async () => {
    const { fetch, calls } = scriptedFetch([refused(429, { "Retry-After": "3" }), refused(503, { "Retry-After": "1" }), new TypeError("fetch failed"), created(["a"])]);
    const { waits, sleep } = noSleep();
    const ids = await postWithRetry("https://ld/api/events", "k", { events: [{ id: "a", eventType: "X" }] }, { fetch, sleep, random: () => 0.5 });
    expect(ids).toEqual(["a"]);
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.init.body)).size).toBe(1);
    expect(calls[0]!.init.headers).toMatchObject({ authorization: "Bearer k", "content-type": "application/json" });
    expect(waits[0]).toBe(3_000);
    expect(waits[1]).toBe(1_000);
    expect(waits[2]).toBe(1_000); // 0.5 · 500 · 2² without Retry-After
  });

  it.each([400, 401, 403, 413, 415])("never retries %i", async (status) => {
    const { fetch, calls } = scriptedFetch([refused(status)]);
    await expect(postWithRetry("u", "k", {}, { fetch, sleep: async () => {} })).rejects.toMatchObject({ status, message: `refused ${status}` });
    expect(calls).toHaveLength(1);
  });

  it("gives up after maxRetries", async () => {
    const { fetch, calls } = scriptedFetch(Array.from({ length: 10 }, () => refused(503)));
    await expect(postWithRetry("u", "k", {}, { fetch, sleep: async () => {}, maxRetries: 2 })).rejects.toBeInstanceOf(IngestRequestError);
    expect(calls).toHaveLength(3);
  });

  it("sends a PATCH the same way, retried on 503, and gives the answer's body", async () => {
    const { fetch, calls } = scriptedFetch([refused(503), new Response(JSON.stringify({ run: { id: "r1", status: "cancelled" } }), { status: 200 })]);
    const answer = await sendJsonWithRetry("PATCH", "https://ld/api/runs/r1", "k", '{"status":"cancelled"}', { fetch, sleep: async () => {} });
    expect(answer).toEqual({ run: { id: "r1", status: "cancelled" } });
    expect(calls.map((c) => c.init.method)).toEqual(["PATCH", "PATCH"]);
  });

  it("gives up on an attempt that gets no answer within timeoutMs, and retries it", async () => {
    // A real server that takes the first request and never answers it (as a connection
    // handed to a worker killed before taking it is left), then answers the retry.
    let requests = 0;
    const server = createServer((request, response) => {
      if (++requests === 1) return;
      request.resume().on("end", () => response.writeHead(201, { "content-type": "application/json" }).end('{"ids":["a"]}'));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
      const ids = await postWithRetry(url, "k", { events: [{ id: "a", eventType: "X" }] }, { timeoutMs: 300, sleep: async () => {} });
      expect(ids).toEqual(["a"]);
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect(computeBackoffMs(0, {}, () => 0.999)).toBe(499);
    expect(computeBackoffMs(3, {}, () => 0.999)).toBe(3_996);
    expect(computeBackoffMs(20, { maxDelayMs: 10_000 }, () => 0.5)).toBe(5_000);
    expect(computeBackoffMs(0, {}, () => 0)).toBe(0);
  });
});

describe("createErrorService", () => {
  it("makes a UUID traceId, sends at once to /api/errors, and retries with the same item id", async () => {
    const { fetch, calls } = scriptedFetch([refused(503), created(["x"])]);
    const service = createErrorService({ baseUrl: "https://ld.example/", ingestKey: "k", projectId: "p", fetch, sleep: async () => {} });
    const { traceId, delivered } = service.report({ errorType: "API_ERROR", message: "Boom", detail: { status: 500 } });
    expect(traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await delivered).toBe(true);
    expect(calls[0]!.url).toBe("https://ld.example/api/errors");
    expect(calls[0]!.body).toMatchObject({ traceId, errorType: "API_ERROR", message: "Boom", projectId: "p", detail: { status: 500 } });
    expect(calls[1]!.body.id).toBe(calls[0]!.body.id);
  });

  it("sends a bigint in detail as the integer it is", async () => {
    const { fetch, calls } = scriptedFetch([]);
    const service = createErrorService({ baseUrl: "https://ld", ingestKey: "k", fetch, sleep: async () => {} });
    expect(await service.report({ errorType: "API_ERROR", message: "m", detail: { orderId: 12345678901234567890n } }).delivered).toBe(true);
    expect(String(calls[0]!.init.body)).toContain('"detail":{"orderId":12345678901234567890}');
  });

  it("captures thrown Errors with their stack, and reports failed delivery", async () => {
    const { fetch, calls } = scriptedFetch([refused(400)]);
    const failures: unknown[] = [];
    const service = createErrorService({ baseUrl: "https://ld", ingestKey: "k", fetch, sleep: async () => {}, onDeliveryFailure: (e) => failures.push(e) });
    const { delivered } = service.captureException(new RangeError("bad range"), { errorType: "ENGINE_ERROR", severity: "critical" });
    expect(await delivered).toBe(false);
    expect(calls[0]!.body).toMatchObject({ errorType: "ENGINE_ERROR", message: "bad range", severity: "critical" });
    expect(calls[0]!.body.stack).toContain("RangeError");
    expect(failures).toHaveLength(1);
  });
});

describe("createEventBus", () => {
  it("sends a bigint as the integer it is, and refuses a circular payload on its own, losing nothing else", async () => {
    const { fetch, calls } = scriptedFetch([]);
    const failures: { error: unknown; events: readonly { eventType: string }[] }[] = [];
    const bus = createEventBus({ baseUrl: "https://ld", ingestKey: "k", flushIntervalMs: 0, fetch, onDeliveryFailure: (error, events) => failures.push({ error, events }) });
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    bus.emit({ eventType: "BIG", payload: { orderId: 12345678901234567890n, nested: [-9007199254740993n], text: "12345678901234567890" } });
    expect(() => bus.emit({ eventType: "LOOP", payload: circular })).not.toThrow();
    bus.emit({ eventType: "AFTER" });
    await bus.flush();
    expect(calls).toHaveLength(1);
    expect(String(calls[0]!.init.body)).toContain('"payload":{"orderId":12345678901234567890,"nested":[-9007199254740993],"text":"12345678901234567890"}');
    expect(calls[0]!.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(["BIG", "AFTER"]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.events.map((e) => e.eventType)).toEqual(["LOOP"]);
    expect(String(failures[0]!.error)).toMatch(/cannot be sent as JSON/);
  });

  it("batches events, sends a full batch at once and the rest on flush, ids unique", async () => {
    const { fetch, calls } = scriptedFetch([]);
    const bus = createEventBus({ baseUrl: "https://ld", ingestKey: "k", projectId: "p", batchSize: 2, flushIntervalMs: 0, fetch });
    const ids = [bus.emit({ eventType: "A" }), bus.emit({ eventType: "B", payload: { n: 1 } }), bus.emit({ eventType: "C" })];
    expect(calls).toHaveLength(1);
    await bus.flush();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe("https://ld/api/events");
    expect(calls.flatMap((c) => c.body.events.map((e: { id: string }) => e.id))).toEqual(ids);
    expect(calls[0]!.body.events[1]).toMatchObject({ eventType: "B", payload: { n: 1 }, projectId: "p" });
    expect(new Set(ids).size).toBe(3);
  });

  it("retries a batch with the same ids after a 503", async () => {
    const { fetch, calls } = scriptedFetch([refused(503, { "Retry-After": "1" })]);
    const bus = createEventBus({ baseUrl: "https://ld", ingestKey: "k", flushIntervalMs: 0, fetch, sleep: async () => {} });
    bus.emit({ eventType: "A" });
    await bus.flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toEqual(calls[0]!.body);
  });

  it("flushes with sendBeacon on pagehide: ?key=, text/plain, in-flight events included, chunked", async () => {
    const beacons: { url: string; data: Blob }[] = [];
    let resolveFetch!: (r: Response) => void;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (resolveFetch = resolve))) as unknown as typeof globalThis.fetch;
    const bus = createEventBus({
      baseUrl: "https://ld", ingestKey: "k e/y", batchSize: 1000, flushIntervalMs: 0, fetch,
      sendBeacon: (url, data) => (beacons.push({ url, data: data as Blob }), true),
    });
    const target = new EventTarget();
    bus.attachUnloadFlush(target);
    const inFlight = bus.emit({ eventType: "IN_FLIGHT" });
    void bus.flush();
    for (let i = 0; i < 300; i++) bus.emit({ eventType: "QUEUED", payload: { text: "x".repeat(500) } });
    target.dispatchEvent(new Event("pagehide"));
    expect(beacons.length).toBeGreaterThan(1);
    expect(beacons[0]!.url).toBe("https://ld/api/events?key=k%20e%2Fy");
    expect(beacons[0]!.data.type).toBe("text/plain");
    const sent = (await Promise.all(beacons.map(async (b) => JSON.parse(await b.data.text()).events))).flat();
    expect(sent).toHaveLength(301);
    expect(sent[0].id).toBe(inFlight);
    for (const b of beacons) expect(b.data.size).toBeLessThanOrEqual(60_000);
    resolveFetch(created([inFlight]));
  });
});
