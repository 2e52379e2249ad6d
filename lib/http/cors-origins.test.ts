// CORS_ORIGINS as an operator writes it, and Origin headers as browsers send them.
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { corsHeaders, preflightResponse, type CorsOptions } from "./cors-headers";
import { parseCorsOrigin } from "./cors-origins";

const optionsFor = (CORS_ORIGINS: string): CorsOptions => ({ allowedOrigins: parseEnv({ CORS_ORIGINS }).CORS_ORIGINS, methods: ["POST"], allowHeaders: ["Content-Type"] });
const fromOrigin = (origin: string, method = "POST") => new Request("http://localhost/api/events", { method, headers: { origin } });

describe("parseCorsOrigin", () => {
  it.each([
    ["https://Good.example/", "https://good.example"],
    ["HTTPS://APP.EXAMPLE.COM", "https://app.example.com"],
    ["https://app.example.com:443", "https://app.example.com"],
    ["http://localhost:80/", "http://localhost"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://app.example.com:8443/", "https://app.example.com:8443"],
    ["http://[::1]:5173", "http://[::1]:5173"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["*", "*"],
  ])("reads %s as the origin %s", (entry, origin) => {
    expect(parseCorsOrigin(entry)).toEqual({ ok: true, origin });
  });

  it.each([
    ["https://*.example.com", /wildcard/],
    ["https://app.example.*", /wildcard/],
    ["*.example.com", /wildcard/],
    ["https://app.example.com/app", /has a path/],
    ["https://app.example.com//", /has a path/],
    ["https://app.example.com/./", /has a path/],
    ["https://app.example.com?x=1", /has a query/],
    ["https://app.example.com/?", /has a query/],
    ["https://app.example.com#top", /has a fragment/],
    ["https://user:pw@app.example.com", /has credentials/],
    ["https://@app.example.com", /has credentials/],
    ["ftp://files.example.com", /scheme "ftp"/],
    ["chrome-extension://abcdefghijklmnop", /scheme "chrome-extension"/],
    ["app.example.com", /is not an origin/],
    ["null", /is not an origin/],
    ["https://", /is not a valid URL/],
  ])("refuses %s, saying why", (entry, why) => {
    const parsed = parseCorsOrigin(entry);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(why);
    expect(parsed.reason).toContain(`CORS_ORIGINS entry "${entry}"`);
  });
});

describe("CORS_ORIGINS at start-up", () => {
  it("stores the entries in the form browsers send", () => {
    expect(parseEnv({ CORS_ORIGINS: "https://Good.example/, http://LOCALHOST:80 ,*" }).CORS_ORIGINS).toEqual(["https://good.example", "http://localhost", "*"]);
  });

  it("stops start-up naming every entry that could never match, and why", () => {
    const start = () => parseEnv({ CORS_ORIGINS: "https://good.example, https://*.example.com, https://app.example.com/path" });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/CORS_ORIGINS entry "https:\/\/\*\.example\.com" has a wildcard/);
    expect(start).toThrow(/CORS_ORIGINS entry "https:\/\/app\.example\.com\/path" has a path/);
  });
});

describe("corsHeaders with a normalized list", () => {
  it("allows what a browser on a listed origin sends, however the entry was written", () => {
    const options = optionsFor("https://Good.example/, https://app.example.com:443");
    for (const origin of ["https://good.example", "https://app.example.com"]) {
      expect(corsHeaders(fromOrigin(origin), options)["Access-Control-Allow-Origin"]).toBe(origin);
      expect(preflightResponse(fromOrigin(origin, "OPTIONS"), options).headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("still refuses other origins: other scheme, port, host, subdomain, or null", () => {
    const options = optionsFor("https://good.example");
    for (const origin of ["http://good.example", "https://good.example:8443", "https://evil.example", "https://sub.good.example", "https://good.example.evil.example", "null"]) {
      expect(corsHeaders(fromOrigin(origin), options)).toEqual({ Vary: "Origin" });
    }
  });

  it("allows any origin for a lone *", () => {
    expect(corsHeaders(fromOrigin("https://anything.example"), optionsFor("*"))["Access-Control-Allow-Origin"]).toBe("https://anything.example");
  });
});
