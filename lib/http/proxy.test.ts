// proxy.ts: nothing that is not a page view is sent to the sign-in page, and pages take
// only GET/HEAD or their own form's POST.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const call = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => proxy(new NextRequest(new URL(path, "http://localhost"), { method: init.method ?? "GET", headers: init.headers }));
const html = { accept: "text/html,application/xhtml+xml" };

describe("proxy", () => {
  it.each([
    ["POST", "/v2/logs", { "content-type": "application/x-protobuf" }],
    ["POST", "/api2/envelope", {}],
    ["GET", "/nope", { accept: "application/json" }],
    ["PUT", "/nothing/here", {}],
  ])("answers %s %s (not a page, not a page view) with a JSON 404, not a redirect", async (method, path, headers) => {
    const response = call(path, { method, headers });
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect((await response.json()).error.code).toBe("not_found");
  });

  it.each([
    ["/login", { "content-type": "application/x-protobuf" }],
    ["/login", { "content-type": "application/json" }],
    ["/runs/r1", {}],
    ["/", { "content-type": "text/plain" }],
  ])("answers POST %s that is not the page's own form with 405 and Allow: GET, HEAD", async (path, headers) => {
    const response = call(path, { method: "POST", headers });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });

  it("lets the sign-in form's server action through, with or without JavaScript", () => {
    expect(call("/login", { method: "POST", headers: { "next-action": "abc", "content-type": "text/plain;charset=UTF-8" } }).headers.get("x-middleware-next")).toBe("1");
    expect(call("/login", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" } }).headers.get("x-middleware-next")).toBe("1");
  });

  it("still sends a page view without a session to sign in, and shows /login", () => {
    const response = call("/runs/r1?x=1", { headers: html });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost/login?next=%2Fruns%2Fr1%3Fx%3D1");
    expect(call("/login", { headers: html }).headers.get("x-middleware-next")).toBe("1");
    expect(call("/unknown-page", { headers: html }).status).toBe(307);
  });

  // Every page under app/ is one the proxy knows: a page it does not know gets its server
  // actions answered 404 (the explorer's "Save search" did, once).
  const pages = readdirSync(path.join(process.cwd(), "app"), { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)page\.tsx$/.test(file))
    .map((file) => "/" + path.dirname(file).split(path.sep).filter((s) => s !== ".").map((s) => s.replace(/^\[\.{0,3}(.+)\]$/, "x_$1")).join("/"));
  it.each(pages)("knows the page %s: its own form's POST is let through", (page) => {
    const response = call(page, { method: "POST", headers: { "next-action": "abc", cookie: "better-auth.session_token=t.s" } });
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
