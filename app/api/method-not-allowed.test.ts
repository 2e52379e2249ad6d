// Every API route answers a method it does not offer with a 405 that says what it does
// offer (Allow) in the one error body, and OPTIONS tells the same truth. The ingestion
// routes' 405s carry their CORS headers, so a browser app on an allowed origin can read them.
process.env.CORS_ORIGINS = "https://app.example.com";

import { describe, expect, it } from "vitest";
import * as retention from "./admin/retention/route";
import * as auth from "./auth/[...all]/route";
import * as errors from "./errors/route";
import * as events from "./events/route";
import * as exploreExport from "./explore/export/route";
import * as exploreLive from "./explore/live/route";
import * as health from "./health/route";
import * as unknown from "./[...path]/route";

const routes = [
  { path: "/api/events", module: events as Record<string, unknown>, allow: "POST, OPTIONS", refused: ["GET", "PUT", "DELETE", "PATCH"] },
  { path: "/api/errors", module: errors as Record<string, unknown>, allow: "POST, OPTIONS", refused: ["GET", "PUT", "DELETE", "PATCH"] },
  { path: "/api/admin/retention", module: retention as Record<string, unknown>, allow: "POST, OPTIONS", refused: ["GET", "PUT", "DELETE", "PATCH"] },
  { path: "/api/health", module: health as Record<string, unknown>, allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "DELETE", "PATCH"] },
  { path: "/api/explore/export", module: exploreExport as Record<string, unknown>, allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "DELETE", "PATCH"] },
  { path: "/api/explore/live", module: exploreLive as Record<string, unknown>, allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "DELETE", "PATCH"] },
  { path: "/api/auth/get-session", module: auth as Record<string, unknown>, allow: "GET, HEAD, POST, OPTIONS", refused: ["PUT", "DELETE", "PATCH"] },
];

// Next.js answers a method a route file does not export with a bare 405 (no Allow, no
// body): every route file must export them all (HEAD Next derives from GET). The explorer's
// routes and /api/auth/* once exported only what they offered, and the list above did not
// name them.
const routeFiles = import.meta.glob<Record<string, unknown>>("./**/route.ts");

describe("every route file under app/api", () => {
  it.each(Object.keys(routeFiles))("%s exports a handler for every method", async (file) => {
    const module = await routeFiles[file]!();
    const missing = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"].filter((method) => typeof module[method] !== "function");
    expect(missing).toEqual([]);
  });
});

describe.each(routes)("$path", ({ path, module, allow, refused }) => {
  it.each(refused)("answers %s with 405, Allow and the JSON error body", async (method) => {
    const handler = module[method] as ((request: Request) => Promise<Response>) | undefined;
    expect(handler, `${method} is exported`).toBeTypeOf("function");
    const response = await handler!(new Request(`http://localhost${path}`, { method, ...(method === "GET" ? {} : { body: "{}" }) }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: `${method} is not allowed here; allowed: ${allow}.`, details: [] } });
  });

  it("lists the same methods in OPTIONS", async () => {
    const options = module.OPTIONS as (request: Request) => Promise<Response>;
    const response = await options(new Request(`http://localhost${path}`, { method: "OPTIONS" }));
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe(allow);
  });
});

describe.each(routes.slice(0, 2))("$path from a browser on another origin", ({ path, module, allow, refused }) => {
  it.each(refused)("lets an allowed origin read the %s 405 and its Allow", async (method) => {
    const handler = module[method] as (request: Request) => Promise<Response>;
    const response = await handler(new Request(`http://localhost${path}`, { method, headers: { origin: "https://app.example.com" } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-expose-headers")?.split(", ")).toContain("Allow");
    expect(response.headers.get("allow")).toBe(allow);
  });

  it("gives an unlisted origin no permission on the 405", async () => {
    const handler = module.GET as (request: Request) => Promise<Response>;
    const response = await handler(new Request(`http://localhost${path}`, { headers: { origin: "https://evil.example" } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("vary")).toBe("Origin");
  });
});

describe("an /api/ path no route serves", () => {
  it.each(["GET", "POST", "DELETE", "OPTIONS"])("answers %s with a JSON 404 that lists the API", async (method) => {
    const handler = (unknown as Record<string, (request: Request) => Promise<Response>>)[method]!;
    const response = await handler(new Request("http://localhost/api/event", { method }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ error: { code: "not_found", message: expect.stringContaining("no API endpoint at /api/event. The API is POST /api/events") } });
  });
});
