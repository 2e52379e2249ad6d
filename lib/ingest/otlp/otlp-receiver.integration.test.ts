// OTLP/HTTP with the real, unmodified OpenTelemetry JS exporters (0.223, the line that runs
// on Node 20) against logdeck's route handlers behind a real HTTP server: rows and their
// mapping, protobuf and JSON, gzip, retries, and hostile bodies.
process.env.INGEST_KEYS = "otlp-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { gzipSync } from "node:zlib";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as apiLogs from "@/app/api/otlp/v1/logs/route";
import * as logs from "@/app/v1/logs/route";
import * as metrics from "@/app/v1/metrics/route";
import * as traces from "@/app/v1/traces/route";
import { prisma } from "@/lib/db/client";
import { otlpLogsOfTinyRecords, otlpSpanWithEvents } from "@/test/otlp-wire";
import { startRouteServer, type RouteServer } from "@/test/route-server";
import { truncateAll } from "@/test/truncate";

let server: RouteServer;
beforeAll(async () => {
  server = await startRouteServer({ "/v1/logs": logs, "/v1/traces": traces, "/v1/metrics": metrics, "/api/otlp/v1/logs": apiLogs });
});
afterAll(() => server.close());
beforeEach(() => truncateAll());

const headers = { Authorization: "Bearer otlp-key" };
const TRACE_ID = "5b8efff798038103d269b633813fc60c";

async function emitLogs(exporter: JsonLogExporter | ProtoLogExporter, service = "checkout") {
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": service, "deployment.environment": "test" }), processors: [new BatchLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("orders", "1.2.3");
  logger.emit({
    severityNumber: SeverityNumber.INFO,
    severityText: "INFO",
    body: "order placed",
    attributes: { "user.id": "u-42", "logdeck.run_id": "run-otlp", cart: 3 },
    timestamp: new Date("2026-12-01T10:00:00.123Z"),
    context: undefined,
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: "ERROR",
    body: { reason: "card declined" },
    attributes: { "exception.type": "PaymentError", "exception.message": "card declined", "exception.stacktrace": "PaymentError: card declined\n    at pay (pay.js:1:1)", "http.route": "/api/pay/:id" },
    timestamp: new Date("2026-12-01T10:00:01.000Z"),
  });
  logger.emit({ severityNumber: SeverityNumber.FATAL, body: "disk full", eventName: "disk.full", timestamp: new Date("2026-12-01T10:00:02Z") });
  await provider.forceFlush();
  await provider.shutdown();
}

describe.each([
  ["http/json", (url: string) => new JsonLogExporter({ url, headers })],
  ["http/protobuf", (url: string) => new ProtoLogExporter({ url, headers })],
  ["http/protobuf, gzip", (url: string) => new ProtoLogExporter({ url, headers, compression: "gzip" as never })],
])("the logs exporter over %s", (_, makeExporter) => {
  it("stores an info record as an event and exception/fatal records as errors, mapped field by field", async () => {
    await emitLogs(makeExporter(`${server.url}/v1/logs`));
    const events = await prisma().eventLog.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType: "log.info", projectId: "checkout", runId: "run-otlp", userId: "u-42", actorId: "u-42", actorType: "user", createdAt: new Date("2026-12-01T10:00:00.123Z") });
    expect(events[0]!.payload).toMatchObject({
      body: "order placed",
      attributes: { "user.id": "u-42", cart: 3 },
      resource: { "service.name": "checkout", "deployment.environment": "test" },
      scope: { name: "orders", version: "1.2.3" },
      severity: { number: 9, text: "INFO" },
    });
    const errors = await prisma().errorLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ errorType: "PaymentError", message: "card declined", stack: "PaymentError: card declined\n    at pay (pay.js:1:1)", endpoint: "/api/pay/:id", severity: "error", projectId: "checkout" });
    expect(errors[0]!.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(errors[0]!.detail).toMatchObject({ body: { reason: "card declined" } });
    expect(errors[1]).toMatchObject({ errorType: "FATAL", message: "disk full", severity: "critical" });
  });
});

it("answers under /api/otlp too (OTEL_EXPORTER_OTLP_ENDPOINT=…/api/otlp)", async () => {
  await emitLogs(new ProtoLogExporter({ url: `${server.url}/api/otlp/v1/logs`, headers }));
  expect(await prisma().eventLog.count()).toBe(1);
});

it("stores nothing twice when the same export is retried", async () => {
  await emitLogs(new ProtoLogExporter({ url: `${server.url}/v1/logs`, headers }));
  const body = server.bodies.get("/v1/logs")!.at(-1)!;
  const again = await fetch(`${server.url}/v1/logs`, { method: "POST", headers: { ...headers, "content-type": "application/x-protobuf" }, body: new Uint8Array(body) });
  expect(again.status).toBe(200);
  expect(await prisma().eventLog.count()).toBe(1);
  expect(await prisma().errorLog.count()).toBe(2);
});

it("keeps the SDK default service name from becoming a project, and says so in partialSuccess", async () => {
  const exporter = new JsonLogExporter({ url: `${server.url}/v1/logs`, headers });
  await emitLogs(exporter, "unknown_service:node");
  expect((await prisma().eventLog.findFirstOrThrow()).projectId).toBeNull();
  const replay = await fetch(`${server.url}/v1/logs`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: new Uint8Array(server.bodies.get("/v1/logs")!.at(-1)!) });
  const answer = await replay.json();
  expect(answer.partialSuccess.errorMessage).toContain('service.name is the SDK default "unknown_service:node"');
  expect(await prisma().project.count({ where: { id: { startsWith: "unknown_service" } } })).toBe(0);
});

describe.each([
  ["http/protobuf", (url: string) => new ProtoTraceExporter({ url, headers })],
  ["http/json", (url: string) => new JsonTraceExporter({ url, headers })],
])("the trace exporter over %s", (_, makeExporter) => {
  it("stores each exception event as an error with the span's trace id, and no other span", async () => {
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "api" }), spanProcessors: [new SimpleSpanProcessor(makeExporter(`${server.url}/v1/traces`))] });
    const tracer = provider.getTracer("http");
    const span = tracer.startSpan("GET /orders/:id", { attributes: { "http.route": "/orders/:id" } });
    const error = new TypeError("order is undefined");
    span.recordException(error);
    span.end();
    tracer.startSpan("quiet").end();
    await provider.forceFlush();
    await provider.shutdown();
    const rows = await prisma().errorLog.findMany();
    expect(rows).toHaveLength(1);
    const hex = span.spanContext().traceId;
    expect(rows[0]).toMatchObject({
      traceId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      errorType: "TypeError",
      message: "order is undefined",
      endpoint: "/orders/:id",
      projectId: "api",
      severity: "error",
    });
    expect(rows[0]!.stack).toContain("TypeError: order is undefined");
    expect(rows[0]!.detail).toMatchObject({ span: { name: "GET /orders/:id", spanId: span.spanContext().spanId } });
  });
});

describe("OTLP/JSON read with care", () => {
  const post = (body: unknown, init: { type?: string; encoding?: string } = {}) =>
    fetch(`${server.url}/v1/logs`, {
      method: "POST",
      headers: { ...headers, "content-type": init.type ?? "application/json", ...(init.encoding ? { "content-encoding": init.encoding } : {}) },
      body: typeof body === "string" ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
    });
  const record = (extra: Record<string, unknown>) => ({ resourceLogs: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] }, scopeLogs: [{ logRecords: [extra] }] }] });

  it("reads hex trace ids, int64 as string or number, enum integers, and ignores unknown fields", async () => {
    const res = await post(
      record({ traceId: TRACE_ID, spanId: "eee19b7ec3c1b174", timeUnixNano: "1764583200000000000", observedTimeUnixNano: 1764583200000000000, severityNumber: 17, body: { stringValue: "boom" }, someFutureField: { x: 1 } }),
    );
    expect(res.status).toBe(200);
    const row = await prisma().errorLog.findFirstOrThrow();
    expect(row.traceId).toBe("5b8efff7-9803-8103-d269-b633813fc60c");
    expect(row.createdAt.toISOString()).toBe("2025-12-01T10:00:00.000Z");
    expect(row.detail).toMatchObject({ spanId: "eee19b7ec3c1b174" });
  });

  it("answers 400 with a google.rpc.Status for a trace id that is not hex, storing nothing", async () => {
    const res = await post(record({ traceId: "W47/95gDgQPSabYzgT/GDA==", body: { stringValue: "x" } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 3, message: expect.stringContaining("traceId must be 32 hex digits") });
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("answers 400 for wrong field types", async () => {
    const res = await post({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityNumber: "loud" }] }] }] });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe(3);
  });

  it("answers 400 with a protobuf Status for a truncated protobuf body", async () => {
    await emitLogs(new ProtoLogExporter({ url: `${server.url}/v1/logs`, headers }));
    await truncateAll();
    const body = server.bodies.get("/v1/logs")!.at(-1)!;
    const res = await post(body.subarray(0, body.length - 7), { type: "application/x-protobuf" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes).toString("latin1")).toContain("not a valid protobuf");
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("answers 400 for 1,000-deep attributes (JSON and protobuf), storing nothing", async () => {
    let deep: unknown = { stringValue: "bottom" };
    for (let i = 0; i < 1_000; i++) deep = { kvlistValue: { values: [{ key: "k", value: deep }] } };
    const res = await post(record({ body: { stringValue: "deep" }, attributes: [{ key: "deep", value: deep }] }));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain("INGEST_MAX_DEPTH");
    const { create, toBinary, fromJson } = await import("@bufbuild/protobuf");
    const { ExportLogsServiceRequestSchema } = await import("./gen/logdeck/otlp/v1/otlp_pb");
    // 300 levels in protobuf (encoding 1,000 would overflow this test's own stack).
    let deepish: unknown = { stringValue: "bottom" };
    for (let i = 0; i < 300; i++) deepish = { kvlistValue: { values: [{ key: "k", value: deepish }] } };
    const message = fromJson(ExportLogsServiceRequestSchema, record({ body: { stringValue: "deep" }, attributes: [{ key: "deep", value: deepish }] }) as never, { recursionLimit: 2_000 });
    const proto = await post(toBinary(ExportLogsServiceRequestSchema, create(ExportLogsServiceRequestSchema, message)), { type: "application/x-protobuf" });
    expect(proto.status).toBe(400);
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("stores the good records and counts the bad ones in partialSuccess: attributes past the depth limit, NUL, huge strings", async () => {
    let deep: unknown = { stringValue: "bottom" };
    for (let i = 0; i < 33; i++) deep = { kvlistValue: { values: [{ key: "k", value: deep }] } };
    const body = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scopeLogs: [
            {
              logRecords: [
                { body: { stringValue: "fine" } },
                { body: { stringValue: "deep" }, attributes: [{ key: "deep", value: deep }] },
                { body: { stringValue: "nul \u0000 inside" } },
                { severityNumber: 17, attributes: [{ key: "exception.type", value: { stringValue: "E".repeat(5_000) } }] },
              ],
            },
          ],
        },
      ],
    };
    const res = await post(body);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.partialSuccess.rejectedLogRecords).toBe("3");
    expect(answer.partialSuccess.errorMessage).toContain("3 of 4 log records could not be stored");
    expect(await prisma().eventLog.count()).toBe(1);
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it("answers 400 for a protobuf string that is not UTF-8", async () => {
    // resource_logs { scope_logs { log_records { body { string_value: 0xFF 0xFE } } } }
    const bytes = new Uint8Array([0x0a, 0x0a, 0x12, 0x08, 0x12, 0x06, 0x2a, 0x04, 0x0a, 0x02, 0xff, 0xfe]);
    const res = await post(bytes, { type: "application/x-protobuf" });
    expect(res.status).toBe(400);
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("answers 400 for a body that is not UTF-8 JSON", async () => {
    const res = await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(res.status).toBe(400);
  });

  it("takes a gzip body and refuses a gzip bomb past OTLP_MAX_BODY_BYTES with 413", async () => {
    const ok = await post(gzipSync(JSON.stringify(record({ body: { stringValue: "zipped" } }))), { encoding: "gzip" });
    expect(ok.status).toBe(200);
    expect(await prisma().eventLog.count()).toBe(1);
    const bomb = gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x20));
    const res = await post(bomb, { encoding: "gzip" });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toContain("OTLP_MAX_BODY_BYTES");
  });

  it("counts records before decoding: a 1 KB gzip body of 100,000 log records, or a span with 10,001 events, is a 413 naming OTLP_MAX_RECORDS", async () => {
    const logs = gzipSync(otlpLogsOfTinyRecords(100_000));
    expect(logs.length).toBeLessThan(2_000);
    const res = await post(logs, { type: "application/x-protobuf", encoding: "gzip" });
    expect(res.status).toBe(413);
    expect(Buffer.from(await res.arrayBuffer()).toString("latin1")).toContain("100000 log records, more than 10000 (OTLP_MAX_RECORDS)");
    // The same in OTLP/JSON.
    const json = await post(gzipSync(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: Array.from({ length: 10_001 }, () => ({ body: { stringValue: "r" } })) }] }] })), { encoding: "gzip" });
    expect(json.status).toBe(413);
    expect((await json.json()).message).toContain("10001 log records");
    // A span's events count too (each is decoded, exception or not).
    const traces = await fetch(`${server.url}/v1/traces`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-protobuf" },
      body: new Uint8Array(otlpSpanWithEvents(10_001)),
    });
    expect(traces.status).toBe(413);
    expect(Buffer.from(await traces.arrayBuffer()).toString("latin1")).toContain("10002 spans and span events");
    expect(await prisma().eventLog.count()).toBe(0);
    expect(await prisma().errorLog.count()).toBe(0);
  });

  it("stores an SDK export of exactly OTLP_MAX_RECORDS log records, and refuses one more", async () => {
    const exportOf = async (records: number) => {
      const exporter = new ProtoLogExporter({ url: `${server.url}/v1/logs`, headers });
      const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: records, maxQueueSize: records, scheduledDelayMillis: 60_000 })] });
      const logger = provider.getLogger("bulk");
      for (let i = 0; i < records; i++) logger.emit({ body: `line ${i}` });
      await provider.forceFlush();
      await provider.shutdown();
    };
    const sent = () => server.bodies.get("/v1/logs")?.length ?? 0;
    const before = sent();
    await exportOf(10_001);
    expect(sent()).toBe(before + 1);
    expect(await prisma().eventLog.count()).toBe(0);
    await exportOf(10_000);
    expect(sent()).toBe(before + 2);
    expect(await prisma().eventLog.count()).toBe(10_000);
  });

  it("answers 401 with a Status for a missing key and 415 for another content type", async () => {
    const noKey = await fetch(`${server.url}/v1/logs`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).code).toBe(16);
    expect((await post("x", { type: "text/plain" })).status).toBe(415);
  });

  it("answers /v1/metrics with a JSON 404 that says to turn metrics off", async () => {
    const res = await fetch(`${server.url}/v1/metrics`, { method: "POST", headers, body: "" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain("OTEL_METRICS_EXPORTER=none");
  });
});

it("answers a /v1/ path that is not an OTLP endpoint with a JSON 404", async () => {
  const { POST } = await import("@/app/v1/[...path]/route");
  const response = await POST(new Request("http://localhost/v1/logz", { method: "POST", body: "x" }));
  expect(response.status).toBe(404);
  expect((await response.json()).error.message).toContain("POST /v1/logs and /v1/traces");
});
