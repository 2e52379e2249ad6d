// Behind a proxy the server sees its own URL (http://localhost:3000) and often the
// proxy's Host, not what the browser addressed: PUBLIC_URL's origin is ours too.
import { describe, expect, it } from "vitest";

process.env.PUBLIC_URL = "https://logs.example.test/logdeck"; // read by env() on first use
const { crossOriginSessionRefusal } = await import("./authorize-admin-request");

const request = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/admin/retention", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

describe("crossOriginSessionRefusal with PUBLIC_URL", () => {
  it("accepts PUBLIC_URL's origin and the request's own", () => {
    expect(crossOriginSessionRefusal(request({ "sec-fetch-site": "same-origin", origin: "https://logs.example.test" }))).toBeNull();
    expect(crossOriginSessionRefusal(request({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }))).toBeNull();
    expect(crossOriginSessionRefusal(request({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }))).toBeNull();
  });

  it.each([
    ["a sibling subdomain", "https://blog.example.test"],
    ["PUBLIC_URL's host over http", "http://logs.example.test"],
    ["PUBLIC_URL's host on another port", "https://logs.example.test:8443"],
    ["an opaque origin", "null"],
  ])("refuses %s, naming PUBLIC_URL", (_label, origin) => {
    expect(crossOriginSessionRefusal(request({ origin }))).toMatch(/Origin: .*PUBLIC_URL/);
  });
});
