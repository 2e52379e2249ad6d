// Issue #11's page-level findings against the production build: a signed-in user's
// /login?next= holding characters a Location header cannot carry, and forged cursors with
// dates PostgreSQL refuses — each a plain answer, never a 500 or an error page.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const P = E2E.project.id;
const cursorOf = (tuple: unknown[]) => Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");

test("a signed-in user's /login?next= with U+3000, U+2028 or DEL is a redirect, not a 500", async ({ page }) => {
  for (const next of [`/runs/${D.runId}%E3%80%80`, `/runs/${D.runId}?q=%E2%80%A8`, `/runs/${D.runId}%7F`, "/%E3%80%80"]) {
    const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBeGreaterThanOrEqual(300);
    expect(response.status(), next).toBeLessThan(400);
    expect(response.headers().location, next).toMatch(/^\/[\x21-\x7e]*$/);
  }
});

test("forged cursors dated year 0000 or 0001 are ignored on the timeline, live, errors and runs", async ({ page }) => {
  for (const iso of ["0000-01-01T00:00:00.000Z", "0001-01-01T00:05:00.000Z"]) {
    const timeline = await page.goto(`/runs/${D.runId}?cursor=${cursorOf([iso, "ev", "event", "n"])}`);
    expect(timeline?.status(), iso).toBe(200);
    await expect(page.getByRole("heading", { name: D.runName }), iso).toBeVisible();
    const live = await page.request.get(`/api/runs/${D.runId}/live?after=${cursorOf([iso, "ev", "event", "n"])}`);
    expect(live.status(), iso).toBe(200);
    for (const path of [`/projects/${P}/errors?cursor=${cursorOf([iso, "e"])}`, `/projects/${P}/runs?cursor=${cursorOf([iso, "r"])}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { name: "This page could not be loaded" }), path).toHaveCount(0);
    }
  }
});

/** Sends `head` (a request line and headers) on a fresh connection; the answer and whether the server closed it. */
function rawRequest(baseURL: string, head: string): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    const timer = setTimeout(() => (socket.destroy(), resolve({ answer, closed: false })), 5_000);
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("close", () => (clearTimeout(timer), resolve({ answer, closed: true })));
    socket.on("error", reject);
    socket.write(head.replaceAll("HOST", hostname));
  });
}

test("request lines no route answers get a 4xx in the one error body, not a bare 500", async ({ baseURL }) => {
  for (const [head, status] of [
    ["TRACE /api/events HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 405],
    ["TRACE /login HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 405],
    ["OPTIONS * HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 400],
    ["GET /api/%FF HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 400],
    ["GET /api/events/%E0%A4%A HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 400],
  ] as const) {
    const { answer } = await rawRequest(baseURL!, head);
    expect(answer, head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer, head).toContain('{"error":{"code":');
  }
});

test("a WebSocket upgrade is refused and its socket closed, before and after other requests", async ({ baseURL }) => {
  // Each on a fresh connection: an answer and a close, not a socket held open for good.
  const upgrade = () =>
    rawRequest(baseURL!, "GET /nonexistent HTTP/1.1\r\nHost: HOST\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  for (let i = 0; i < 3; i++) {
    const { answer, closed } = await upgrade();
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(closed).toBe(true);
  }
});

test("a client that waits for 100 Continue is refused before it sends its body, and let through when it may send", async ({ baseURL, playwright }) => {
  // An address over its failed-key budget (INGEST_KEY_FAILURES_PER_MINUTE, 30): the
  // e2e server trusts loopback as its proxy, so X-Forwarded-For names the address.
  // Addresses of this attempt's own (a retry must not find them throttled already).
  const freshAddress = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
  const address = freshAddress();
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });
  for (let i = 0; i < 30; i++) {
    const response = await api.post("/api/events", { headers: { authorization: `Bearer unknown-key-${i}` }, data: { events: [] } });
    expect(response.status(), `unknown key ${i + 1}`).toBe(401);
  }
  await api.dispose();
  const waiting = (key: string, from: string) =>
    `POST /api/events HTTP/1.1\r\nHost: HOST\r\nX-Forwarded-For: ${from}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n`;
  // Refused at once: no `100 Continue`, so the million bytes are never sent, and the
  // connection is closed after the answer.
  const refused = await rawRequest(baseURL!, waiting("unknown-key-x", address));
  expect(refused.answer).toMatch(/^HTTP\/1\.1 429 /);
  expect(refused.answer).toContain("retry-after");
  expect(refused.closed).toBe(true);
  // A valid key from another address: told to go on, the body still to come.
  const { answer } = await rawRequest(baseURL!, waiting(E2E.ingestKey, freshAddress()));
  expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
});

test("a 10,000-character search in CJK fits the request line; past 128 KiB of headers the answer says what to shorten", async ({ page, baseURL }) => {
  // 10,000 characters is the query language's limit: 90 KB once percent-encoded.
  const query = encodeURIComponent("中".repeat(10_000));
  const response = await page.request.get(`/explore?q=${query}&range=15m`);
  expect(response.status()).toBe(200);
  await page.goto(`/explore?q=${query}&range=15m`);
  await expect(page.getByLabel("Query")).toHaveValue("中".repeat(10_000));

  const { answer, closed } = await rawRequest(baseURL!, `GET /explore?q=${"x".repeat(140 * 1024)} HTTP/1.1\r\nHost: HOST\r\n\r\n`);
  expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  expect(answer).toContain('{"error":{"code":"headers_too_large","message":"The request\'s URL and headers are larger than 128 KiB');
  expect(closed).toBe(true);
});
