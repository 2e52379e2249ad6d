// The front gate (lib/ingest/ingest-front-gate.ts; scripts/server-worker.mjs asks it before
// Next.js routes a request): it refuses exactly what the receivers' routes would refuse
// under load — the same status, body, Retry-After and CORS headers — and lets every other
// request through untouched, so a refusal never costs Next.js's routing.
process.env.INGEST_KEYS = "gate-key";
process.env.INGEST_MAX_IN_FLIGHT_REQUESTS = "1";
process.env.INGEST_KEY_FAILURES_PER_MINUTE = "3";
process.env.CORS_ORIGINS = "https://app.example.test";

import { randomBytes } from "node:crypto";
import { fromBinary } from "@bufbuild/protobuf";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { POST as postEnvelope } from "@/app/api/[projectId]/envelope/route";
import { POST as postOtlpLogs } from "@/app/v1/logs/route";
import type { FrontGateRequest } from "@/lib/http/front-gate";
import { clearIngestKeyCache } from "@/lib/ingest-keys/authenticate-ingest-key";
import { resetKeyFailureThrottle } from "@/lib/ingest-keys/throttle-key-failures";
import { admitIngestRequest } from "./ingest-admission";
import { ingestFrontGate } from "./ingest-front-gate";
import { RpcStatusSchema } from "./otlp/gen/logdeck/otlp/v1/otlp_pb";
import { resetRateLimits } from "./take-rate-limit-token";
import { truncateAll } from "@/test/truncate";

beforeEach(async () => {
  resetRateLimits();
  resetKeyFailureThrottle();
  clearIngestKeyCache();
  await truncateAll();
});

const ORIGIN = "https://app.example.test";

/** A request as node:http gives it to the server: lower-case headers, the path and query, the socket. */
function nodeRequest(method: string, url: string, headers: Record<string, string>, remoteAddress = "203.0.113.9"): FrontGateRequest {
  return { method, url, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), socket: { remoteAddress } };
}

/** The same request as a route handler gets it (Next.js fills X-Forwarded-For from the socket). */
function webRequest(method: string, url: string, headers: Record<string, string>, body: string, remoteAddress = "203.0.113.9"): Request {
  return new Request(`http://localhost${url}`, { method, headers: { "x-forwarded-for": remoteAddress, ...headers }, body });
}

async function answer(response: Response) {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()).toString("base64") };
}

/** Holds the process's one ingestion admission (INGEST_MAX_IN_FLIGHT_REQUESTS=1) while `fn` runs. */
async function whileFull<T>(fn: () => Promise<T>): Promise<T> {
  const held = admitIngestRequest(new Request("http://localhost/api/events", { method: "POST", headers: { "content-length": "10" } }));
  try {
    return await fn();
  } finally {
    held.release();
  }
}

describe("the ingestion front gate", () => {
  const receivers: { name: string; url: string; headers: Record<string, string>; route: typeof postEvents; params: Record<string, string> }[] = [
    { name: "JSON API", url: "/api/events", headers: { authorization: "Bearer gate-key", "content-type": "application/json" }, route: postEvents, params: {} },
    { name: "OTLP/HTTP protobuf", url: "/v1/logs", headers: { authorization: "Bearer gate-key", "content-type": "application/x-protobuf" }, route: postOtlpLogs, params: {} },
    { name: "Sentry envelope", url: "/api/1/envelope/?sentry_key=gate-key", headers: { "content-type": "application/x-sentry-envelope" }, route: postEnvelope, params: { projectId: "1" } },
  ];

  for (const receiver of receivers) {
    it(`${receiver.name}: while the process is full, answers exactly the route's 503, CORS headers included`, async () => {
      const headers = { ...receiver.headers, origin: ORIGIN, "content-length": "2" };
      const [fromGate, fromRoute] = await whileFull(async () => {
        const gated = ingestFrontGate(nodeRequest("POST", receiver.url, headers));
        expect(gated).not.toBeNull();
        return [await gated!, await receiver.route(webRequest("POST", receiver.url, headers, "{}"), { params: Promise.resolve(receiver.params) })];
      });
      expect(fromGate).not.toBeNull();
      const [gate, route] = [await answer(fromGate!), await answer(fromRoute)];
      expect(gate.status).toBe(503);
      expect(gate.headers["retry-after"]).toBe("1");
      expect(gate.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(gate).toEqual(route);
    });
  }

  it("an OTLP refusal is the protocol's own Status message", async () => {
    const response = await whileFull(async () => ingestFrontGate(nodeRequest("POST", "/v1/traces", { "content-type": "application/x-protobuf", "content-length": "5" })));
    const status = fromBinary(RpcStatusSchema, new Uint8Array(await response!.arrayBuffer()));
    expect(status.message).toContain("INGEST_MAX_IN_FLIGHT_REQUESTS");
  });

  it("refuses on every path Next.js routes to a receiver: a trailing slash, dot segments, a query", async () => {
    for (const url of ["/api/events/", "/api/./errors", "/api/x/../events?key=gate-key", "/v1/logs/", "/api/otlp/v1/traces", "/api/42/store"]) {
      const response = await whileFull(async () => ingestFrontGate(nodeRequest("POST", url, { "content-length": "2" })));
      expect(response?.status, url).toBe(503);
    }
  });

  it("lets through what it would not refuse: an admissible POST, other methods, other paths", async () => {
    // Other routes under /api/<name>/ are not Sentry's (a DSN's project is a number).
    await whileFull(async () => {
      for (const url of ["/api/runs/envelope", "/api/projects/store", "/api/auth/store", "/api/eventsx"]) expect(ingestFrontGate(nodeRequest("POST", url, { "content-length": "2" })), url).toBeNull();
    });
    expect(ingestFrontGate(nodeRequest("GET", "/api/events", {}))).toBeNull();
    expect(ingestFrontGate(nodeRequest("POST", "/api/auth/sign-in/email", { "content-length": "2" }))).toBeNull();
    expect(ingestFrontGate(nodeRequest("POST", "/api/events/x", { "content-length": "2" }))).toBeNull();
    await whileFull(async () => expect(ingestFrontGate(nodeRequest("POST", "/api/health", { "content-length": "2" }))).toBeNull());
    // Not full: decided by the route (the key, then admission), never here.
    expect(await ingestFrontGate(nodeRequest("POST", "/api/events", { authorization: "Bearer gate-key", "content-length": "2" }))).toBeNull();
  });

  it("answers the 429 of an address over its failed-key budget, as the route does; known keys and other addresses go through", async () => {
    const bogus = () => `ldk_${randomBytes(16).toString("hex")}`;
    const body = JSON.stringify({ eventType: "X" });
    const send = (key: string, address: string) =>
      postEvents(webRequest("POST", "/api/events", { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": String(body.length) }, body, address));
    const gate = (key: string, address: string) => ingestFrontGate(nodeRequest("POST", "/api/events", { authorization: `Bearer ${key}`, "content-length": "2" }, address));

    expect((await send("gate-key", "203.0.113.9")).status).toBe(201);
    // Under the budget the gate never refuses, and counts nothing: the route does.
    expect(await gate(bogus(), "203.0.113.9")).toBeNull();
    for (let i = 0; i < 3; i++) expect((await send(bogus(), "203.0.113.9")).status).toBe(401);

    const key = bogus();
    const fromGate = await gate(key, "203.0.113.9");
    const fromRoute = await send(key, "203.0.113.9");
    expect(fromGate?.status).toBe(429);
    const [g, r] = [await answer(fromGate!), await answer(fromRoute)];
    // Retry-After counts down to the end of the minute: equal within a second.
    expect(Math.abs(Number(g.headers["retry-after"]) - Number(r.headers["retry-after"]))).toBeLessThanOrEqual(1);
    expect({ ...g, headers: { ...g.headers, "retry-after": "" }, body: "" }).toEqual({ ...r, headers: { ...r.headers, "retry-after": "" }, body: "" });
    expect(Buffer.from(g.body, "base64").toString()).toContain("INGEST_KEY_FAILURES_PER_MINUTE");

    expect(await gate("gate-key", "203.0.113.9")).toBeNull();
    expect(await gate(bogus(), "198.51.100.1")).toBeNull();
    // The address as Next.js gives it to the route: X-Forwarded-For when the client sent one, else the socket's.
    const viaHeader = ingestFrontGate(nodeRequest("POST", "/api/events", { authorization: `Bearer ${bogus()}`, "content-length": "2", "x-forwarded-for": "198.51.100.1" }, "203.0.113.9"));
    expect(await viaHeader).toBeNull();
  });
});
