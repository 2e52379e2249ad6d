// Sentry's envelope and store endpoints with the real, unmodified @sentry/node SDK against
// logdeck's route handlers behind a real HTTP server, plus hostile envelopes.
process.env.INGEST_KEYS = "sentryKey0123456789";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import * as Sentry from "@sentry/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as envelope from "@/app/api/[projectId]/envelope/route";
import * as store from "@/app/api/[projectId]/store/route";
import { prisma } from "@/lib/db/client";
import { ingestConfigFrom } from "@/lib/ingest/ingest-config";
import { parseEnv } from "@/lib/env";
import { createSentryRoute } from "./create-sentry-route";
import { startRouteServer, type RouteServer } from "@/test/route-server";
import { truncateAll } from "@/test/truncate";

const KEY = "sentryKey0123456789";
let server: RouteServer;
let dsnId: number;
beforeAll(async () => {
  server = await startRouteServer({ "/api/[projectId]/envelope": envelope, "/api/[projectId]/store": store });
});
afterAll(() => server.close());
beforeEach(async () => {
  await truncateAll();
  dsnId = (await prisma().project.create({ data: { id: "shop", name: "Shop" }, select: { dsnId: true } })).dsnId;
});

async function withSentry(run: () => void, options: Partial<Sentry.NodeOptions> = {}) {
  const dsn = `http://${KEY}@127.0.0.1:${new URL(server.url).port}/${dsnId}`;
  const client = Sentry.init({ dsn, defaultIntegrations: false, integrations: [], tracesSampleRate: 0, release: "shop@1.0.0", environment: "test", ...options });
  Sentry.setTag("logdeck.run_id", "run-sentry");
  Sentry.setUser({ id: "u-7", email: "u7@example.com" });
  run();
  await Sentry.flush(5_000);
  await client?.close(2_000);
}

describe("@sentry/node", () => {
  it("stores a captured exception as an error: type, message, readable stack, run, project, event id as UUID", async () => {
    let eventId = "";
    await withSentry(() => {
      Sentry.addBreadcrumb({ message: "clicked pay" });
      eventId = Sentry.captureException(new RangeError("amount out of range"));
    });
    const row = await prisma().errorLog.findFirstOrThrow();
    expect(row).toMatchObject({
      id: `${eventId.slice(0, 8)}-${eventId.slice(8, 12)}-${eventId.slice(12, 16)}-${eventId.slice(16, 20)}-${eventId.slice(20)}`,
      errorType: "RangeError",
      message: "amount out of range",
      projectId: "shop",
      runId: "run-sentry",
      severity: "error",
    });
    expect(row.stack!.split("\n")[0]).toBe("RangeError: amount out of range");
    expect(row.stack).toMatch(/\n {4}at .*sentry-receiver\.integration\.test\.ts:\d+:\d+\)?/);
    expect(row.detail).toMatchObject({ release: "shop@1.0.0", environment: "test", tags: { "logdeck.run_id": "run-sentry" }, user: { id: "u-7" }, breadcrumbs: [expect.objectContaining({ message: "clicked pay" })] });
  });

  it("stores fatal as critical, warning as warning, and an info message as an event sentry.message", async () => {
    await withSentry(() => {
      Sentry.captureMessage("the sky fell", "fatal");
      Sentry.captureMessage("disk at 80%", "warning");
      Sentry.captureMessage("user signed up", "info");
    });
    const errors = await prisma().errorLog.findMany({ orderBy: { severity: "asc" } });
    expect(errors.map((e) => [e.severity, e.message])).toEqual([
      ["critical", "the sky fell"],
      ["warning", "disk at 80%"],
    ]);
    const event = await prisma().eventLog.findFirstOrThrow();
    expect(event).toMatchObject({ eventType: "sentry.message", userId: "u-7", actorType: "user", projectId: "shop", runId: "run-sentry" });
    expect(event.payload).toMatchObject({ message: "user signed up", level: "info" });
  });

  it("filters the ingest key an upstream service's SDK put in the baggage header, and any other in the event", async () => {
    // The baggage @sentry/node's http integration records with the request (tracing on):
    // its sentry-public_key is the calling service's DSN key, an ingest key.
    const upstreamKey = "ldk_MursN0xQ7bT2kLp9vW3yZa8cE1fH4jN6mR5sU0dG2hK";
    const baggage = `sentry-environment=prod,sentry-public_key=${upstreamKey},sentry-trace_id=5b8efff798038103d269b633813fc60c,sentry-sampled=true`;
    await withSentry(
      () => {
        Sentry.getIsolationScope().setSDKProcessingMetadata({ normalizedRequest: { method: "POST", url: "http://shop.internal/pay", headers: { baggage, "sentry-trace": "5b8efff798038103d269b633813fc60c-1f2e3d4c5b6a7988-1" } } });
        Sentry.captureException(new Error(`upstream refused ${upstreamKey}`));
      },
      { integrations: [Sentry.requestDataIntegration()] },
    );
    const row = await prisma().errorLog.findFirstOrThrow();
    expect(row.message).toBe("upstream refused [Filtered]");
    expect(row.detail).toMatchObject({ request: { headers: { baggage: "sentry-environment=prod,sentry-public_key=[Filtered],sentry-trace_id=5b8efff798038103d269b633813fc60c,sentry-sampled=true" } } });
    expect(JSON.stringify(row)).not.toContain(upstreamKey.slice(4, 20));
  });

  it("stores Sentry logs as events log.<level>", async () => {
    await withSentry(() => Sentry.logger.warn("cache miss", { key: "k1" }));
    const event = await prisma().eventLog.findFirstOrThrow();
    expect(event).toMatchObject({ eventType: "log.warn", projectId: "shop" });
    expect(event.payload).toMatchObject({ body: "cache miss", attributes: { key: "k1" } });
  });
});

describe("the envelope endpoint", () => {
  const eventId = "9ec79c33ec9942ab8353589fcb2e04dc";
  const envelopeOf = (event: object, header: object = { event_id: eventId }) => {
    const payload = JSON.stringify(event);
    return `${JSON.stringify(header)}\n${JSON.stringify({ type: "event", length: Buffer.byteLength(payload) })}\n${payload}\n`;
  };
  const post = (body: string | Uint8Array, init: { query?: string; headers?: Record<string, string>; path?: string } = {}) =>
    fetch(`${server.url}${init.path ?? `/api/${dsnId}/envelope/`}${init.query ?? `?sentry_key=${KEY}&sentry_version=7`}`, {
      method: "POST",
      headers: init.headers,
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
  const event = { event_id: eventId, level: "error", exception: { values: [{ type: "E", value: "m" }] }, contexts: { trace: { trace_id: "5b8efff798038103d269b633813fc60c" } }, request: { url: "https://shop.example/cart/42?x=1" } };

  it("answers 200 {id} and maps trace id and endpoint", async () => {
    const res = await post(envelopeOf(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: eventId });
    expect(await prisma().errorLog.findFirstOrThrow()).toMatchObject({ traceId: "5b8efff7-9803-8103-d269-b633813fc60c", endpoint: "/cart/42" });
  });

  it("answers the id it stored when event_id is no id, so the answer pasted into the go-to box finds the event", async () => {
    const res = await post(envelopeOf({ ...event, event_id: "not-hex" }, { event_id: "not-hex" }));
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await prisma().errorLog.findFirstOrThrow()).id.replaceAll("-", "")).toBe(id);
    // An envelope of logs only answers its header's event_id, when it is one.
    const logs = `{"event_id":"${eventId}"}\n{"type":"log"}\n{"items":[{"timestamp":1764583200,"level":"info","body":"r"}]}\n`;
    expect(await (await post(logs)).json()).toEqual({ id: eventId });
    expect(await (await post(logs.replace(eventId, "not-hex"))).json()).toEqual({ id: null });
  });

  it.each([
    ["X-Sentry-Auth", { "x-sentry-auth": `Sentry sentry_version=7, sentry_client=x/1, sentry_key=${KEY}` }],
    ["Authorization: Sentry", { authorization: `Sentry sentry_key=${KEY}` }],
    ["Authorization: Bearer", { authorization: `Bearer ${KEY}` }],
  ])("takes the key from %s", async (_, headers) => {
    expect((await post(envelopeOf(event), { query: "", headers })).status).toBe(200);
    expect(await prisma().errorLog.count()).toBe(1);
  });

  it("takes the key from a tunnelled envelope's dsn", async () => {
    const res = await post(envelopeOf(event, { event_id: eventId, dsn: `https://${KEY}@logdeck.example/${dsnId}` }), { query: "" });
    expect(res.status).toBe(200);
  });

  it("answers 401 without a key, and 404 for a DSN number no project has", async () => {
    expect((await post(envelopeOf(event), { query: "" })).status).toBe(401);
    const res = await post(envelopeOf(event), { path: `/api/${dsnId + 1000}/envelope` });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain(`DSN number ${dsnId + 1000}`);
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ])("takes a %s body", async (encoding, compress) => {
    const res = await post(compress(Buffer.from(envelopeOf(event))), { headers: { "content-encoding": encoding } });
    expect(res.status).toBe(200);
    expect(await prisma().errorLog.count()).toBe(1);
  });

  it("accepts and ignores item types it does not keep", async () => {
    const body = `{}\n{"type":"transaction"}\n{"spans":[]}\n{"type":"session"}\n{"sid":"x"}\n{"type":"client_report"}\n{}\n{"type":"attachment","length":3}\nabc\n`;
    expect((await post(body)).status).toBe(200);
    expect((await prisma().errorLog.count()) + (await prisma().eventLog.count())).toBe(0);
  });

  it("filters a secret query string, as a string and as a list of pairs", async () => {
    const request = (query_string: unknown) => ({ ...event, request: { url: "https://shop.example/cart", query_string } });
    expect((await post(envelopeOf(request("token=SUPERSECRET123&password=hunter2&x=1")))).status).toBe(200);
    expect((await prisma().errorLog.findFirstOrThrow()).detail).toMatchObject({ request: { query_string: "token=[Filtered]&password=[Filtered]&x=1" } });
    await truncateAll();
    expect((await post(envelopeOf(request([["password", "hunter2"], ["x", "1"]])))).status).toBe(200);
    expect((await prisma().errorLog.findFirstOrThrow()).detail).toMatchObject({ request: { query_string: [["password", "[Filtered]"], ["x", "1"]] } });
  });

  it("stores a retried envelope once", async () => {
    await post(envelopeOf(event));
    await post(envelopeOf(event));
    expect(await prisma().errorLog.count()).toBe(1);
  });

  it("stores a log envelope and an event without event_id once when a retry has another sent_at, as the SDKs' offline transport sends it", async () => {
    const logs = (body: string) => {
      const payload = JSON.stringify({ items: [{ timestamp: 1_764_583_200, level: "info", body }, { timestamp: 1_764_583_201, level: "warn", body }] });
      return `${JSON.stringify({ type: "log", item_count: 2, content_type: "application/vnd.sentry.items.log+json", length: Buffer.byteLength(payload) })}\n${payload}\n`;
    };
    const noId = JSON.stringify({ message: "no id", level: "error" });
    const body = (sentAt: string | undefined, logBody = "r") => `${JSON.stringify(sentAt ? { sent_at: sentAt } : {})}\n${logs(logBody)}{"type":"event"}\n${noId}\n`;
    for (const sentAt of [undefined, "2026-12-01T10:00:00.000Z", "2026-12-01T10:05:00.000Z"]) expect((await post(body(sentAt))).status).toBe(200);
    expect(await prisma().eventLog.count()).toBe(2);
    expect(await prisma().errorLog.count()).toBe(1);
    // Other entries are other rows.
    expect((await post(body("2026-12-01T10:00:00.000Z", "s"))).status).toBe(200);
    expect(await prisma().eventLog.count()).toBe(4);
  });

  it.each([
    ["an item whose length runs past the body", `{}\n{"type":"event","length":9999}\n{"exception":{}}\n`],
    ["an item whose length cuts its payload", `{}\n{"type":"event","length":4}\n${JSON.stringify(event)}\n`],
    ["an event that is not JSON", `{}\n{"type":"event"}\n{not json\n`],
    ["an event with NUL in its message", envelopeOf({ ...event, exception: { values: [{ type: "E", value: "a\u0000b" }] } })],
    ["invalid UTF-8", new Uint8Array([0x7b, 0x7d, 0x0a, 0x7b, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3a, 0x22, 0x65, 0x76, 0x65, 0x6e, 0x74, 0x22, 0x7d, 0x0a, 0xff, 0xfe, 0x0a])],
  ])("answers 400 to %s, storing nothing", async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it("counts a log item's entries as rows: 1,000 in all are stored, 250,000 in one item (40 KB gzipped) are a 413 naming INGEST_MAX_BATCH_ITEMS", async () => {
    const logsOf = (count: number) => {
      const payload = JSON.stringify({ items: Array.from({ length: count }, () => ({ timestamp: 1_764_583_200, level: "info", body: "r" })) });
      return `{}\n${JSON.stringify({ type: "log", item_count: count, content_type: "application/vnd.sentry.items.log+json", length: Buffer.byteLength(payload) })}\n${payload}\n`;
    };
    const flood = gzipSync(Buffer.from(logsOf(250_000)));
    expect(flood.length).toBeLessThan(100_000);
    const refused = await post(flood, { headers: { "content-encoding": "gzip" } });
    expect(refused.status).toBe(413);
    expect((await refused.json()).error.message).toContain("more than 1000 (INGEST_MAX_BATCH_ITEMS)");
    // An event and 1,000 logs: one row too many.
    const oneTooMany = envelopeOf(event) + logsOf(1_000).slice(3);
    expect((await post(oneTooMany)).status).toBe(413);
    expect((await prisma().errorLog.count()) + (await prisma().eventLog.count())).toBe(0);
    expect((await post(logsOf(1_000))).status).toBe(200);
    expect(await prisma().eventLog.count()).toBe(1_000);
  });

  it("answers 413 to an event whose exception type is longer than INGEST_MAX_STRING_LENGTH, storing nothing", async () => {
    const res = await post(envelopeOf({ ...event, exception: { values: [{ type: "T".repeat(5_000), value: "m" }] } }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain("INGEST_MAX_STRING_LENGTH");
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it("answers 429 with Retry-After and X-Sentry-Rate-Limits, both readable by a browser app", async () => {
    const config = { ...ingestConfigFrom(parseEnv({ INGEST_KEYS: KEY, CORS_ORIGINS: "https://shop.example" })), rateLimit: { perSecond: 1, burst: 1 } };
    const route = createSentryRoute("envelope", () => config);
    const send = () =>
      route.POST(new Request(`http://localhost/api/${dsnId}/envelope/?sentry_key=${KEY}`, { method: "POST", headers: { origin: "https://shop.example" }, body: envelopeOf(event) }), {
        params: Promise.resolve({ projectId: String(dsnId) }),
      });
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-sentry-rate-limits")).toBe("1::key");
    expect(limited.headers.get("access-control-expose-headers")?.split(", ")).toEqual(expect.arrayContaining(["Retry-After", "X-Sentry-Rate-Limits"]));
  });
});

describe("the store endpoint", () => {
  it("stores one event from its JSON body, with any Content-Type", async () => {
    const res = await fetch(`${server.url}/api/${dsnId}/store?sentry_key=${KEY}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: JSON.stringify({ event_id: "0123456789abcdef0123456789abcdef", message: "stored", level: "error" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "0123456789abcdef0123456789abcdef" });
    expect(await prisma().errorLog.findFirstOrThrow()).toMatchObject({ id: "01234567-89ab-cdef-0123-456789abcdef", message: "stored", errorType: "Message" });
  });

  it("gives an event without event_id an id of its own, from its body, so a retry is still stored once", async () => {
    const store = (body: object) => fetch(`${server.url}/api/${dsnId}/store?sentry_key=${KEY}`, { method: "POST", body: JSON.stringify(body) });
    for (const attempt of [1, 2]) {
      const error = await store({ message: "no id", level: "error" });
      expect(error.status, `attempt ${attempt}`).toBe(200);
      const { id } = (await error.json()) as { id: string };
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      const row = await prisma().errorLog.findFirstOrThrow();
      expect(row.id.replaceAll("-", "")).toBe(id);
      // With no trace context either, the trace is the event, as for events that have an id.
      expect(row.traceId).toBe(row.id);
      expect((await store({ message: "no id, info", level: "info" })).status).toBe(200);
    }
    expect(await prisma().errorLog.count()).toBe(1);
    expect(await prisma().eventLog.count()).toBe(1);
  });
});
