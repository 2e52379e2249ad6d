// The client library against the real ingestion route handlers and database: what an
// app using it gets stored.
// Set before the app's modules read the environment.
process.env.INGEST_KEYS = "client-test-key";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as postErrors } from "@/app/api/errors/route";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { findRunTimeline } from "@/lib/runs/find-run-timeline";
import { truncateAll } from "@/test/truncate";
import { createErrorService } from "./create-error-service";
import { createEventBus } from "./create-event-bus";

/** fetch, answered by the app's own route handlers in this process. */
const appFetch = (async (url: string | URL | Request, init?: RequestInit) => {
  const request = new Request(url, init);
  const path = new URL(request.url).pathname;
  if (path === "/api/events") return postEvents(request);
  if (path === "/api/errors") return postErrors(request);
  return new Response(null, { status: 404 });
}) as typeof fetch;

beforeEach(truncateAll);

describe("the client library against the server", () => {
  it("splits events by size, so 100 events of 15 KB are all stored (the server takes 1 MiB a request)", async () => {
    const failures: unknown[] = [];
    const bus = createEventBus({ baseUrl: "http://localhost", ingestKey: "client-test-key", projectId: "p_big", flushIntervalMs: 0, fetch: appFetch, onDeliveryFailure: (e) => failures.push(e) });
    for (let i = 0; i < 100; i++) bus.emit({ eventType: "BIG", runId: "r_big", payload: { i, blob: "x".repeat(15_000) } });
    await bus.flush();
    expect(failures).toEqual([]);
    expect(await prisma().eventLog.count({ where: { runId: "r_big" } })).toBe(100);
  });

  it("keeps the order of events emitted within one millisecond in the run timeline", async () => {
    const bus = createEventBus({ baseUrl: "http://localhost", ingestKey: "client-test-key", projectId: "p_order", flushIntervalMs: 0, fetch: appFetch });
    const realNow = Date.now;
    const frozen = realNow();
    Date.now = () => frozen;
    try {
      for (let i = 1; i <= 8; i++) bus.emit({ eventType: `STEP_${i}`, runId: "r_order" });
    } finally {
      Date.now = realNow;
    }
    await bus.flush();
    const page = await findRunTimeline({ runId: "r_order", filters: { types: [], actorTypes: [], severities: [] }, order: "asc" });
    expect(page.rows.map((r) => r.type)).toEqual(["STEP_1", "STEP_2", "STEP_3", "STEP_4", "STEP_5", "STEP_6", "STEP_7", "STEP_8"]);
    expect(new Set(page.rows.map((r) => r.createdAt.getTime())).size).toBe(1);
  });

  it("sends a bigint as the integer it is, and the server stores it exactly", async () => {
    const bus = createEventBus({ baseUrl: "http://localhost", ingestKey: "client-test-key", projectId: "p_big_int", flushIntervalMs: 0, fetch: appFetch });
    bus.emit({ eventType: "ORDER_PLACED", runId: "r_big_int", payload: { orderId: 12345678901234567890n } });
    await bus.flush();
    const [row] = await prisma().$queryRaw<{ order_id: string }[]>`SELECT payload #>> '{orderId}' AS order_id FROM event_logs WHERE run_id = 'r_big_int'`;
    expect(row?.order_id).toBe("12345678901234567890");
  });

  it("reports an error with a traceId the server stores under the project", async () => {
    const errors = createErrorService({ baseUrl: "http://localhost", ingestKey: "client-test-key", projectId: "p_err", fetch: appFetch });
    const { traceId, delivered } = errors.report({ errorType: "API_ERROR", message: "boom", runId: "r_err" });
    expect(await delivered).toBe(true);
    expect(await prisma().errorLog.findFirstOrThrow({ where: { traceId } })).toMatchObject({ projectId: "p_err", errorType: "API_ERROR" });
  });
});
