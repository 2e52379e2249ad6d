// Compressed ingestion bodies, as log shippers (Vector, Fluent Bit, OpenTelemetry) send
// them: gzip and deflate are decompressed while streaming, INGEST_MAX_BODY_BYTES counting
// the decompressed bytes; other codings are a 415, data that does not decompress a 400.
process.env.INGEST_KEYS = "test-key";
process.env.INGEST_RATE_LIMIT_BURST = "1000000";

import { deflateSync, gzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as postErrors } from "@/app/api/errors/route";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";

const LIMIT = 1_048_576; // INGEST_MAX_BODY_BYTES's default
const TRACE = "123e4567-e89b-42d3-a456-426614174000";
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

async function send(path: "events" | "errors", raw: BodyInit, headers: Record<string, string>) {
  const response = await (path === "events" ? postEvents : postErrors)(ingestRequest(path, undefined, { raw, headers }));
  return { status: response.status, json: await response.json() };
}

/** A stream of these bytes in chunks of `size`, counting how many were pulled. */
function chunked(bytes: Uint8Array, size: number) {
  const counter = { pulled: 0, total: Math.ceil(bytes.byteLength / size) };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled === counter.total) return controller.close();
      controller.enqueue(bytes.subarray(counter.pulled * size, (counter.pulled + 1) * size));
      counter.pulled++;
    },
  });
  return { stream, counter };
}

beforeEach(() => truncateAll());

describe("accepted codings", () => {
  it("stores a gzip batch", async () => {
    const batch = { events: Array.from({ length: 50 }, (_, i) => ({ id: `gz-${i}`, eventType: "SHIPPED", payload: { line: "x".repeat(200) } })) };
    const res = await send("events", gzipSync(encode(batch)), { "content-encoding": "gzip" });
    expect(res.status).toBe(201);
    expect(res.json.ids).toHaveLength(50);
    expect(await prisma().eventLog.count()).toBe(50);
  });

  it("stores a deflate (zlib) error, and x-gzip, GZIP and identity as RFC 9110 names them", async () => {
    const error = (id: string) => encode({ id, traceId: TRACE, errorType: "E", message: "compressed" });
    expect((await send("errors", deflateSync(error("df")), { "content-encoding": "deflate" })).status).toBe(201);
    expect((await send("errors", gzipSync(error("xg")), { "content-encoding": "x-gzip" })).status).toBe(201);
    expect((await send("errors", gzipSync(error("up")), { "content-encoding": "GZIP" })).status).toBe(201);
    expect((await send("errors", gzipSync(error("ig")), { "content-encoding": "identity, gzip" })).status).toBe(201);
    expect((await send("errors", error("id"), { "content-encoding": "identity" })).status).toBe(201);
    expect((await prisma().errorLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(["df", "id", "ig", "up", "xg"]);
  });

  it("stores a gzip body streamed in small chunks", async () => {
    const { stream } = chunked(gzipSync(encode({ events: [{ id: "streamed", eventType: "X", payload: { a: "y".repeat(50_000) } }] })), 100);
    expect((await send("events", stream, { "content-encoding": "gzip" })).status).toBe(201);
    expect(await prisma().eventLog.count()).toBe(1);
  });
});

describe("refused", () => {
  it.each(["br", "zstd", "compress", "gzip, gzip", "gzip, br"])("Content-Encoding: %s with 415 naming it, storing nothing", async (coding) => {
    const res = await send("events", encode({ eventType: "X" }), { "content-encoding": coding });
    expect(res.status).toBe(415);
    expect(res.json.error).toMatchObject({ code: "unsupported_media_type", message: expect.stringContaining(`"${coding}"`) });
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it.each([
    ["plain JSON claimed to be gzip", "gzip", () => encode({ eventType: "X" })],
    ["plain JSON claimed to be deflate", "deflate", () => encode({ eventType: "X" })],
    ["a truncated gzip body", "gzip", () => gzipSync(encode({ eventType: "X" })).subarray(0, 20)],
    ["gzip with trailing garbage", "gzip", () => Buffer.concat([gzipSync(encode({ eventType: "X" })), Buffer.from("trailing")])],
    ["gzip data claimed to be deflate", "deflate", () => gzipSync(encode({ eventType: "X" }))],
  ])("%s with 400 saying it does not decompress", async (_, coding, body) => {
    const res = await send("events", body(), { "content-encoding": coding });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_encoding", message: expect.stringContaining(`not valid ${coding} data`) });
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("a zip bomb with 413 once the decompressed bytes pass the limit, reading little of it", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * LIMIT)); // 64 MiB of zeros in ~64 KiB
    const { stream, counter } = chunked(bomb, 512);
    const res = await send("events", stream, { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("decompressed"), details: [{ limit: "INGEST_MAX_BODY_BYTES" }] });
    // ~1 KiB of it inflates past 1 MiB: the rest is never read, let alone inflated.
    expect(counter.pulled).toBeLessThan(counter.total / 8);
  });

  it("valid JSON that is under the limit compressed but over it decompressed with 413", async () => {
    const batch = { events: Array.from({ length: 400 }, () => ({ eventType: "X", payload: { a: "z".repeat(3_000) } })) };
    const body = gzipSync(encode(batch));
    expect(body.byteLength).toBeLessThan(LIMIT / 10);
    const res = await send("events", body, { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("a compressed body announced as larger than the limit with 413, unread", async () => {
    const { stream, counter } = chunked(gzipSync(encode({ eventType: "X" })), 10);
    const res = await send("events", stream, { "content-encoding": "gzip", "content-length": String(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(1);
  });
});
