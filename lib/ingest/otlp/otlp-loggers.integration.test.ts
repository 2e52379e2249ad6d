// Node loggers through their OpenTelemetry transports, unmodified: pino with
// pino-opentelemetry-transport (in its worker thread, configured by the standard OTEL_*
// variables) and winston with @opentelemetry/winston-transport, to /v1/logs.
process.env.INGEST_KEYS = "logger-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { logs } from "@opentelemetry/api-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { OpenTelemetryTransportV3 } from "@opentelemetry/winston-transport";
import pino from "pino";
import winston from "winston";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as logsRoute from "@/app/v1/logs/route";
import { prisma } from "@/lib/db/client";
import { startRouteServer, type RouteServer } from "@/test/route-server";

let server: RouteServer;
beforeAll(async () => {
  server = await startRouteServer({ "/v1/logs": logsRoute });
});
afterAll(() => server.close());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("pino's records arrive as events and errors, with their fields as attributes", async () => {
  // The transport's worker reads the standard variables when it starts.
  process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = `${server.url}/v1/logs`;
  process.env.OTEL_EXPORTER_OTLP_HEADERS = "Authorization=Bearer logger-key";
  process.env.OTEL_RESOURCE_ATTRIBUTES = "service.name=pino-app";
  process.env.OTEL_BLRP_SCHEDULE_DELAY = "100";
  const transport = pino.transport({ target: "pino-opentelemetry-transport", options: { loggerName: "pino-test" } });
  const logger = pino(transport);
  logger.info({ orderId: 17, "logdeck.run_id": "run-pino" }, "order shipped");
  logger.error({ err: new Error("warehouse offline"), "logdeck.run_id": "run-pino" }, "shipping failed");
  // The worker exports on its own schedule. (Ending the transport first would block this
  // thread, where the test's server runs, until the worker's export, which it serves: a
  // deadlock only a test in one process has.)
  const events = await until(() => prisma().eventLog.findMany({ where: { runId: "run-pino" } }), (rows) => rows.length >= 1);
  const errors = await until(() => prisma().errorLog.findMany({ where: { runId: "run-pino" } }), (rows) => rows.length >= 1);
  await new Promise<void>((resolve) => {
    transport.on("close", () => resolve());
    transport.end();
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ projectId: "pino-app", eventType: "log.info" });
  expect(events[0]!.payload).toMatchObject({ body: "order shipped", attributes: { orderId: 17 } });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ projectId: "pino-app", message: "shipping failed", severity: "error" });
});

it("winston's records arrive through the global logger provider", async () => {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "winston-app" }),
    processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: "Bearer logger-key" } }) })],
  });
  logs.setGlobalLoggerProvider(provider);
  const logger = winston.createLogger({ level: "info", transports: [new OpenTelemetryTransportV3()] });
  logger.warn("slow query", { "logdeck.run_id": "run-winston", ms: 912 });
  logger.error("query failed", { "logdeck.run_id": "run-winston" });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await provider.forceFlush();
  await provider.shutdown();
  const events = await prisma().eventLog.findMany({ where: { runId: "run-winston" } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ projectId: "winston-app", eventType: "log.warn" });
  expect(events[0]!.payload).toMatchObject({ body: "slow query", attributes: { ms: 912 } });
  const errors = await prisma().errorLog.findMany({ where: { runId: "run-winston" } });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ message: "query failed", severity: "error", projectId: "winston-app" });
});
