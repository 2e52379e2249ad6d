import { describe, expect, it } from "vitest";
import { createSecretScrubber, isSecretKey, scrubSecretValues } from "./scrub-secrets";

// The shape create-ingest-key.ts gives keys, and the base64url one of keys made before.
const INGEST_KEY = "ldk_MursN0xQ7bT2kLp9vW3yZa8cE1fH4jN6mR5sU0dG2hK";
const OLD_INGEST_KEY = "ldk_q-7Zx_2bN9vLk3Wp0aYt8cR5dE1fH4jM6gS-uQ_oI2s";

describe("isSecretKey", () => {
  it.each(["password", "Password", "db_password", "PASSWD", "secret", "clientSecret", "token", "access_token", "Authorization", "cookie", "Set-Cookie", "api_key", "apiKey", "API-KEY", "api key", "x-api-key", "private_key", "credentials", "sessionId"])(
    "%s is secret",
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(["name", "author", "authenticated", "message", "status", "className", "keyboard", "monkey"])("%s is not", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("createSecretScrubber", () => {
  it("filters at any depth, leaves arrays and values alone, and honours a custom list", () => {
    const value = { a: { b: [{ token: 1 }, "token"] }, token: null, card: "4111" };
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber()))).toEqual({ a: { b: [{ token: "[Filtered]" }, "token"] }, token: "[Filtered]", card: "4111" });
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber(["Card"])))).toEqual({ a: { b: [{ token: 1 }, "token"] }, token: null, card: "[Filtered]" });
  });
});

describe("scrubSecretValues", () => {
  it.each([
    ["postgresql://app:s3cr3t@db.internal:5432/prod", "postgresql://app:[Filtered]@db.internal:5432/prod"],
    ["fetch https://user:hunter2@example.com/x failed", "fetch https://user:[Filtered]@example.com/x failed"],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc123", "Authorization: Bearer [Filtered]"],
    ["authorization: Basic dXNlcjpwYXNz", "authorization: Basic [Filtered]"],
    ["sent bearer 1f2e3d4c5b6a7988 upstream", "sent bearer [Filtered] upstream"],
    ["GET /api/x?page=2&token=abc.def&sort=asc", "GET /api/x?page=2&token=[Filtered]&sort=asc"],
    ["https://api.example.com/v1?api_key=K123&client_secret=zz", "https://api.example.com/v1?api_key=[Filtered]&client_secret=[Filtered]"],
    ["Authorization: ApiKey sk_live_51HxYz123abc", "Authorization: ApiKey [Filtered]"],
    ["Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261202/us-east-1/s3/aws4_request, Signature=abcdef0123456789\nnext line", "Authorization: AWS4-HMAC-SHA256 [Filtered]\nnext line"],
    ["Proxy-Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag", "Proxy-Authorization: Negotiate [Filtered]"],
    ["authorization: sk_live_51HxYz123abc", "authorization: [Filtered]"],
    ["redis://:s3cretRedisPw@cache:6379", "redis://:[Filtered]@cache:6379"],
    ["amqp://guest:gu@st@rabbit:5672/vhost", "amqp://guest:[Filtered]@rabbit:5672/vhost"],
    ["POST /api/events?key=ldk_abcdef0123", "POST /api/events?key=[Filtered]"],
    ["/cb?accessToken=a1&auth_token=b2&private_token=c3&x-api-key=d4&page=2", "/cb?accessToken=[Filtered]&auth_token=[Filtered]&private_token=[Filtered]&x-api-key=[Filtered]&page=2"],
    // A query string or form body on its own: its first parameter has no "?" before it.
    ["password=hunter2&x=1", "password=[Filtered]&x=1"],
    ["access_token=abc123&x=1", "access_token=[Filtered]&x=1"],
    ["secret=s3cr3t", "secret=[Filtered]"],
    ["token=SUPERSECRET123&password=hunter2&x=1", "token=[Filtered]&password=[Filtered]&x=1"],
    ["x=1&password=hunter2", "x=1&password=[Filtered]"],
    // The baggage an SDK sends on: the DSN's key, an ingest key, whatever its form.
    [`sentry-environment=prod,sentry-public_key=${INGEST_KEY},sentry-trace_id=5b8e`, "sentry-environment=prod,sentry-public_key=[Filtered],sentry-trace_id=5b8e"],
    ["sentry-trace_id=5b8e,sentry-public_key=sentryKey0123456789", "sentry-trace_id=5b8e,sentry-public_key=[Filtered]"],
    ["Sentry sentry_version=7, sentry_key=sentryKey0123456789, sentry_client=x/1", "Sentry sentry_version=7, sentry_key=[Filtered], sentry_client=x/1"],
    // An ingest key anywhere: prose, a DSN, logdeck's OTLP header snippet, a key made before.
    [`upstream refused ${INGEST_KEY}: revoked`, "upstream refused [Filtered]: revoked"],
    [`https://${INGEST_KEY}@logs.example.com/7`, "https://[Filtered]@logs.example.com/7"],
    [`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${INGEST_KEY}`, "OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20[Filtered]"],
    [`{"key":"${OLD_INGEST_KEY}"}`, '{"key":"[Filtered]"}'],
  ])("filters the credential in %s", (text, expected) => expect(scrubSecretValues(text)).toBe(expected));

  it("takes time in proportion to the text, whatever it holds", () => {
    // Shapes that make a careless pattern backtrack: long names without "=", "@"s without a host.
    for (const text of ["ldk_".repeat(250_000), "ldk_" + "a1".repeat(500_000), "&" + "token".repeat(200_000), "//a:" + "@".repeat(1_000_000), "authorization: " + "x ".repeat(500_000)]) {
      expect(scrubSecretValues(text).length).toBeGreaterThan(0);
    }
  });

  it.each([
    "the bearer of this bond",
    "basic functionality broke",
    "http://example.com:8080/path@x",
    "see https://example.com/docs?page=2",
    "user@example.com wrote",
    "Timeout after 3000 ms",
    "GET /search?q=token+rotation&page=2&monkey=1",
    "mail admin@example.com or ops@example.com",
    "x=1&page=2",
    // A bare key/sig/auth counts only after "?", "&" or ";": at the start it is a log line.
    "key=orders:42 evicted",
    // What the keys page lists of a key: its prefix.
    "revoked ldk_MursN0xQ… yesterday",
  ])("leaves %s alone", (text) => expect(scrubSecretValues(text)).toBe(text));

  it("filters the value of each secret-named pair in a list of [name, value] pairs, Sentry's other form of headers and query_string", () => {
    const value = {
      query_string: [["password", "hunter2"], ["x", "1"]],
      headers: [["Cookie", "sid=1"], ["Accept", "json"], ["X-Api-Key", { k: 1 }]],
      words: ["session", "start"],
      mixed: [["token", "t"], "not a pair"],
    };
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber()))).toEqual({
      query_string: [["password", "[Filtered]"], ["x", "1"]],
      headers: [["Cookie", "[Filtered]"], ["Accept", "json"], ["X-Api-Key", "[Filtered]"]],
      words: ["session", "start"],
      mixed: [["token", "t"], "not a pair"],
    });
  });

  it("filters values inside payloads through the replacer, at any depth and in arrays", () => {
    const value = { db: { url: "postgres://u:pw@h/db" }, list: ["Bearer abc123def456"], plain: "ok" };
    expect(JSON.parse(JSON.stringify(value, createSecretScrubber()))).toEqual({
      db: { url: "postgres://u:[Filtered]@h/db" },
      list: ["Bearer [Filtered]"],
      plain: "ok",
    });
  });
});
