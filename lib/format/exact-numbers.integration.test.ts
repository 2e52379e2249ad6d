// Numbers a double cannot hold — a 20-digit order id, a decimal with 30 digits — sent in
// a payload or a detail, and read back everywhere a person or a program sees them: the
// stored row, the run timeline, the trace page and the export. JSON.parse would round
// each of them on the way in or out; they must arrive as they were sent.
process.env.INGEST_KEYS = "test-key";

import { beforeAll, describe, expect, it } from "vitest";
import { POST as postErrors } from "@/app/api/errors/route";
import { POST as postEvents } from "@/app/api/events/route";
import { prisma } from "@/lib/db/client";
import { exportRunTimeline } from "@/lib/runs/export-run-timeline";
import { findRunTimeline } from "@/lib/runs/find-run-timeline";
import { numericTextLength } from "@/lib/ingest/inspect-json-value";
import { findTrace } from "@/lib/traces/find-trace";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";
import { prettyJsonText } from "./exact-json";

const TRACE = "5d8f2a4e-3b1c-4e7a-9f60-2c1d0b9a8e71";
const none = { types: [], actorTypes: [], severities: [] };
// As a client writes them: none of these survives JSON.parse.
const EXACT = ["12345678901234567890", "-9007199254740993", "0.1000000000000000055511151231257827", "123456789012345678901234567890.5"];
const PAYLOAD = `{"orderId":${EXACT[0]},"delta":${EXACT[1]},"price":${EXACT[2]},"nested":{"list":[1,${EXACT[3]},"12345678901234567890"]},"token":"s3cr3t-value"}`;
const DETAIL = `{"requestId":${EXACT[0]},"amount":${EXACT[2]}}`;

async function post(path: "events" | "errors", raw: string) {
  const handler = path === "events" ? postEvents : postErrors;
  const response = await handler(ingestRequest(path, undefined, { raw }));
  return { status: response.status, json: await response.json() };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  await truncateAll();
  const event = await post("events", `{"id":"ev_big","eventType":"ORDER_PLACED","projectId":"p1","runId":"r1","createdAt":"2025-01-01T12:00:00Z","payload":${PAYLOAD}}`);
  expect(event.status).toBe(201);
  const error = await post("errors", `{"id":"er_big","traceId":"${TRACE}","errorType":"API_ERROR","message":"boom","projectId":"p1","runId":"r1","createdAt":"2025-01-01T12:00:01Z","detail":${DETAIL}}`);
  expect(error.status).toBe(201);
});

describe("a number a double cannot hold", () => {
  it("is stored exactly as sent, in payloads and details, with secrets still scrubbed", async () => {
    // Compared by PostgreSQL as numeric: exact, whatever the text's spacing.
    const [row] = await prisma().$queryRaw<{ payload: string; same: boolean; detail_same: boolean }[]>`
      SELECT e.payload::text AS payload,
             e.payload #>> '{orderId}' = ${EXACT[0]} AND e.payload #>> '{delta}' = ${EXACT[1]}
               AND e.payload #>> '{price}' = ${EXACT[2]} AND e.payload #>> '{nested,list,1}' = ${EXACT[3]} AS same,
             r.detail = ${DETAIL}::jsonb AS detail_same
      FROM event_logs e, error_logs r WHERE e.id = 'ev_big' AND r.id = 'er_big'`;
    expect(row!.same).toBe(true);
    expect(row!.detail_same).toBe(true);
    expect(row!.payload).toContain('"token": "[Filtered]"');
    expect(row!.payload).toContain('"12345678901234567890"'); // the string stays a string
  });

  it("reads back exactly in the run timeline, pretty-printed as the page shows it", async () => {
    const page = await findRunTimeline({ runId: "r1", filters: none, order: "asc" });
    const [event, error] = page.rows;
    const pretty = prettyJsonText(event!.dataText!);
    for (const literal of EXACT) expect(pretty).toContain(literal);
    expect(pretty).toContain('\n  "orderId": 12345678901234567890\n');
    expect(prettyJsonText(error!.dataText!)).toContain(`"requestId": ${EXACT[0]}`);
  });

  it("reads back exactly on the trace page", async () => {
    const trace = await findTrace({ traceId: TRACE });
    const pretty = prettyJsonText(trace!.errors[0]!.detailJson!);
    expect(pretty).toContain(`"requestId": ${EXACT[0]}`);
    expect(pretty).toContain(`"amount": ${EXACT[2]}`);
  });

  it("is exported exactly as NDJSON, JSON and CSV", async () => {
    const ndjson = await readAll(await exportRunTimeline({ runId: "r1", filters: none, order: "asc", format: "ndjson" }));
    const lines = ndjson.trim().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const literal of EXACT) expect(lines[0]).toContain(literal);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: "event", id: "ev_big", type: "ORDER_PLACED", data: { token: "[Filtered]" } });
    expect(lines[1]).toContain(`"requestId": ${EXACT[0]}`);

    const json = await readAll(await exportRunTimeline({ runId: "r1", filters: none, order: "desc", format: "json" }));
    expect((JSON.parse(json) as { id: string }[]).map((r) => r.id)).toEqual(["er_big", "ev_big"]);
    for (const literal of EXACT) expect(json).toContain(literal);

    const csv = await readAll(await exportRunTimeline({ runId: "r1", filters: none, order: "asc", format: "csv" }));
    for (const literal of EXACT) expect(csv).toContain(literal);
  });
});

describe("numbers beyond what is worth storing are refused, naming the field", () => {
  it.each([
    ["beyond a double's range", "1e400", /too large/],
    ["nonzero but below a double's smallest", "1e-400", /too small/],
    ["longer than 1,000 characters", "1" + "0".repeat(1000), /more than 1000 characters/],
  ])("%s", async (_, literal, message) => {
    const before = await prisma().eventLog.count();
    const res = await post("events", `{"eventType":"X","payload":{"deep":[${literal}]}}`);
    expect(res.status).toBe(400);
    expect(res.json.error.details[0]).toMatchObject({ index: 0, field: "payload.deep.0" });
    expect(res.json.error.details[0].message).toMatch(message);
    expect(await prisma().eventLog.count()).toBe(before);
  });

  it("a long number where text is expected gets the same answer as any other number", async () => {
    const long = await post("events", '{"eventType":12345678901234567890}');
    const short = await post("events", '{"eventType":12}');
    expect(long.status).toBe(400);
    expect(long.json.error.details).toEqual(short.json.error.details);
  });
});

describe("numbers with an exponent, which PostgreSQL writes out in full", () => {
  const LITERALS = ["1e308", "1.5e-320", "-2.5e-7", "12.34e1", "0.001e5", "-0e5", "1e21", "123456789012345678901e-3", "7E+2"];

  it("are counted at the length PostgreSQL writes them", async () => {
    const payload = `{${LITERALS.map((literal, i) => `"n${i}":${literal}`).join(",")}}`;
    const res = await post("events", `{"id":"ev_exp","eventType":"X","payload":${payload}}`);
    expect(res.status).toBe(201);
    const [row] = await prisma().$queryRaw<{ lengths: number[] }[]>`
      SELECT array_agg(length(payload ->> ('n' || i)) ORDER BY i) AS lengths
      FROM event_logs, generate_series(0, ${LITERALS.length - 1}::int) AS i WHERE id = 'ev_exp'`;
    expect(row!.lengths).toEqual(LITERALS.map(numericTextLength));
  });

  it("count toward INGEST_MAX_PAYLOAD_BYTES as stored, so a small body cannot make a huge page", async () => {
    // 1.8 KB as sent, ~93 KB as stored and shown: past the 64 KiB default.
    const res = await post("events", `{"eventType":"X","payload":{"n":[${Array(300).fill("1e308").join(",")}]}}`);
    expect(res.status).toBe(413);
    expect(res.json.error.details[0]).toMatchObject({ field: "payload", limit: "INGEST_MAX_PAYLOAD_BYTES", message: expect.stringContaining("numbers written out in full") });
  });
});
