// Process-wide back-pressure on the ingestion API: past INGEST_MAX_IN_FLIGHT_REQUESTS
// requests or INGEST_MAX_IN_FLIGHT_BYTES of body in flight, the next request is refused
// with 503 and Retry-After before its body is read, and nothing of it is stored; once the
// requests in flight finish, ingestion goes on.
process.env.INGEST_KEYS = "pressure-key";
process.env.INGEST_MAX_IN_FLIGHT_REQUESTS = "2";
process.env.INGEST_MAX_IN_FLIGHT_BYTES = "110000";
process.env.INGEST_MAX_BODY_BYTES = "100000";
process.env.INGEST_MAX_PAYLOAD_BYTES = "100000";

import { gzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { POST as postOtlpLogs } from "@/app/v1/logs/route";
import { prisma } from "@/lib/db/client";
import { readBackPressure } from "@/lib/http/back-pressure";
import { INGEST_POOL } from "@/lib/ingest/ingest-admission";
import { resetRateLimits } from "@/lib/ingest/take-rate-limit-token";
import { OTLP_RECORD_HEAP_BYTES } from "@/lib/ingest/otlp/read-otlp-request";
import { ingestRequest } from "@/test/ingest-request";
import { otlpLogsOfTinyRecords } from "@/test/otlp-wire";
import { truncateAll } from "@/test/truncate";

beforeEach(async () => {
  resetRateLimits();
  await truncateAll();
});

/** A body that arrives only when `finish()` is called; `pulled` says whether anyone read it. */
function heldBody(json: string) {
  const length = String(Buffer.byteLength(json));
  let finish!: () => void;
  const state = { pulled: false };
  const arrived = new Promise<void>((resolve) => (finish = resolve));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      state.pulled = true;
      await arrived;
      controller.enqueue(new TextEncoder().encode(json));
      controller.close();
    },
  }, { highWaterMark: 0 });
  return { stream, finish, state, length };
}

const send = (raw: BodyInit, headers: Record<string, string> = {}) => postEvents(ingestRequest("events", undefined, { key: "pressure-key", raw, headers }));

async function untilInFlight(requests: number) {
  for (let i = 0; i < 500 && readBackPressure(INGEST_POOL).requests < requests; i++) await new Promise((r) => setTimeout(r, 10));
  expect(readBackPressure(INGEST_POOL).requests).toBe(requests);
}

describe("ingestion back-pressure", () => {
  it("refuses a request past the in-flight count with 503 and Retry-After, unread, then takes requests again", async () => {
    const held = [heldBody('{"eventType":"HELD_1"}'), heldBody('{"eventType":"HELD_2"}')];
    const pending = held.map((h) => send(h.stream, { "content-length": h.length }));
    await untilInFlight(2);

    const refusedBody = heldBody('{"eventType":"REFUSED"}');
    const refused = await send(refusedBody.stream, { "content-length": refusedBody.length });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: { code: string; message: string } }).error.message).toContain("INGEST_MAX_IN_FLIGHT_REQUESTS");
    expect(refusedBody.state.pulled).toBe(false);

    for (const h of held) h.finish();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([201, 201]);
    expect(readBackPressure(INGEST_POOL).requests).toBe(0);
    expect((await send('{"eventType":"AFTER"}')).status).toBe(201);
    expect((await prisma().eventLog.findMany({ select: { eventType: true }, orderBy: { eventType: "asc" } })).map((e) => e.eventType)).toEqual(["AFTER", "HELD_1", "HELD_2"]);
  });

  it("counts bytes: a request whose Content-Length would pass the in-flight bytes waits its turn", async () => {
    const big = `{"eventType":"BIG","payload":{"pad":"${"x".repeat(80_000)}"}}`;
    const first = heldBody(big);
    const pending = send(first.stream, { "content-length": first.length });
    await untilInFlight(1);
    const second = `{"eventType":"SECOND","payload":{"pad":"${"y".repeat(30_000)}"}}`;
    expect((await send(second, { "content-length": String(second.length) })).status).toBe(503);
    first.finish();
    expect((await pending).status).toBe(201);
    expect((await send(second, { "content-length": String(second.length) })).status).toBe(201);
  });

  it("counts a body without Content-Length as the largest body accepted", async () => {
    const first = heldBody('{"eventType":"CHUNKED"}');
    const pending = send(first.stream);
    await untilInFlight(1);
    const small = '{"eventType":"SMALL","payload":{"pad":"' + "s".repeat(20_000) + '"}}';
    expect((await send(small, { "content-length": String(small.length) })).status).toBe(503);
    first.finish();
    expect((await pending).status).toBe(201);
  });

  it("counts an OTLP body's records at what they hold once decoded, not at their few bytes: past the limit with others in flight, 503; alone, taken", async () => {
    // 50 records: 0.4 KB on the wire, counted as 50 × OTLP_RECORD_HEAP_BYTES (~100 KB).
    const body = otlpLogsOfTinyRecords(50);
    expect(body.length + 30_100).toBeLessThan(110_000);
    expect(50 * OTLP_RECORD_HEAP_BYTES + 30_100).toBeGreaterThan(110_000);
    const sendOtlp = () =>
      postOtlpLogs(
        new Request("http://logdeck.test/v1/logs", {
          method: "POST",
          headers: { authorization: "Bearer pressure-key", "content-type": "application/x-protobuf", "content-length": String(body.length) },
          body: new Uint8Array(body),
        }),
      );
    const held = heldBody(`{"eventType":"HELD","payload":{"pad":"${"h".repeat(30_000)}"}}`);
    const pending = send(held.stream, { "content-length": held.length });
    await untilInFlight(1);

    const refused = await sendOtlp();
    expect(refused.status).toBe(503);
    expect(readBackPressure(INGEST_POOL)).toMatchObject({ requests: 1, bytes: Number(held.length) });

    held.finish();
    expect((await pending).status).toBe(201);
    expect((await sendOtlp()).status).toBe(200);
    expect(readBackPressure(INGEST_POOL)).toMatchObject({ requests: 0, bytes: 0 });
    expect(await prisma().eventLog.count()).toBe(51);
  });

  it("counts a compressed body's decompressed bytes as they are read: past the limit with others in flight, 503; alone, taken", async () => {
    // ~99 KB of JSON in ~0.3 KB of gzip: its Content-Length says almost nothing of what it holds.
    const bomb = gzipSync(`{"eventType":"INFLATED","payload":{"pad":"${"z".repeat(99_000)}"}}`);
    const sendBomb = () => send(bomb, { "content-encoding": "gzip", "content-length": String(bomb.byteLength) });
    const held = heldBody(`{"eventType":"HELD","payload":{"pad":"${"h".repeat(30_000)}"}}`);
    const pending = send(held.stream, { "content-length": held.length });
    await untilInFlight(1);

    const refused = await sendBomb();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("INGEST_MAX_IN_FLIGHT_BYTES");
    expect(readBackPressure(INGEST_POOL)).toMatchObject({ requests: 1, bytes: Number(held.length) });

    held.finish();
    expect((await pending).status).toBe(201);
    expect((await sendBomb()).status).toBe(201);
    expect(readBackPressure(INGEST_POOL)).toMatchObject({ requests: 0, bytes: 0 });
    expect((await prisma().eventLog.findMany({ select: { eventType: true }, orderBy: { eventType: "asc" } })).map((e) => e.eventType)).toEqual(["HELD", "INFLATED"]);
  });
});
