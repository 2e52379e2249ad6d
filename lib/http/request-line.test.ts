import { describe, expect, it } from "vitest";
import { installFrontGate, type FrontGate } from "./front-gate";
import { requestLineRefusal } from "./request-line";

describe("requestLineRefusal", () => {
  it("refuses what no route answers: other methods (405 with Allow), `*`, API paths that do not decode", () => {
    const trace = requestLineRefusal("TRACE", "/api/events");
    expect(trace?.status).toBe(405);
    expect(trace?.headers.Allow).toBe("GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
    expect(requestLineRefusal("OPTIONS", "*")?.status).toBe(400);
    expect(requestLineRefusal("GET", "/api/%FF")?.status).toBe(400);
    expect(requestLineRefusal("POST", "/api/events/%E0%A4%A?x=1")?.status).toBe(400);
    expect(requestLineRefusal("GET", "/v1/%")?.status).toBe(400);
  });

  it("leaves everything else to Next.js and proxy.ts", () => {
    for (const [method, url] of [["GET", "/api/events"], ["POST", "/api/%E2%82%AC"], ["GET", "/runs/%FF"], ["OPTIONS", "/api/events"], ["GET", "/api/events?q=%FF"]]) {
      expect(requestLineRefusal(method, url), `${method} ${url}`).toBeNull();
    }
  });
});

describe("installFrontGate", () => {
  const gateOf = () => (globalThis as { __logdeckFrontGate?: FrontGate }).__logdeckFrontGate!;

  it("answers the request line's refusals in the one error body before the installed gate, then asks it", async () => {
    const asked: string[] = [];
    installFrontGate((request) => (asked.push(request.url!), null));
    const response = await gateOf()({ method: "TRACE", url: "/login", headers: {} });
    expect(response?.status).toBe(405);
    expect(await response!.json()).toEqual({ error: { code: "method_not_allowed", message: expect.stringContaining("TRACE"), details: [] } });
    expect(asked).toEqual([]);
    expect(gateOf()({ method: "GET", url: "/api/health", headers: {} })).toBeNull();
    expect(asked).toEqual(["/api/health"]);
  });
});
