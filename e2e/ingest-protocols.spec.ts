// OTLP and Sentry against the running production server, with the real clients: the
// OpenTelemetry exporter, @sentry/node, and @sentry/browser in Chromium on another origin
// (CORS). The DSN comes from the keys page, copied with its button, as a user would.
import { createServer, type Server } from "node:http";
import { buildSync } from "esbuild";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import * as SentryNode from "@sentry/node";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { NO_SESSION, SESSION } from "./sessions";

// Real SDKs flush on their own schedule: on a loaded machine these journeys take longer
// than the suite's default 30 s.
test.describe.configure({ timeout: 120_000 });

const port = Number(process.env.E2E_PORT ?? 3210);
const base = `http://127.0.0.1:${port}`;
const otherOrigin = `http://127.0.0.1:${port + 2000}`;

/** A new key for E2E.project and its DSN, from the keys page (the page is signed in as the admin). */
async function createKeyWithDsn(page: Page): Promise<{ key: string; dsn: string }> {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  await page.goto("/admin/keys");
  await page.getByLabel("Name").fill(`protocols ${Date.now()}`);
  await page.getByLabel(/Project/).fill(E2E.project.id);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByLabel("New ingest key").textContent())!.trim();
  await page.getByRole("button", { name: "Copy DSN" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const dsn = await page.evaluate(() => navigator.clipboard.readText());
  expect(dsn).toMatch(new RegExp(`^http://${key}@127\\.0\\.0\\.1:${port}/\\d+$`));
  await expect(page.getByRole("button", { name: "Copy OTLP config" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy curl" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy client code" })).toBeVisible();
  return { key, dsn };
}

async function exportedRun(page: Page, runId: string): Promise<Record<string, unknown>[]> {
  const response = await page.request.get(`/api/runs/${runId}/export?format=ndjson`);
  if (response.status() === 404) return [];
  return (await response.text()).trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

test.describe(() => {
  test.use({ storageState: SESSION.member });

  test("the OpenTelemetry exporter's logs reach the running server and the run's timeline", async ({ page }) => {
    const runId = `otlp-e2e-${Date.now()}`;
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": E2E.project.id, "logdeck.run_id": runId }),
      processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${base}/v1/logs`, headers: { Authorization: `Bearer ${E2E.ingestKey}` }, compression: "gzip" as never }) })],
    });
    provider.getLogger("e2e").emit({ severityNumber: SeverityNumber.WARN, severityText: "WARN", body: "queue is slow", eventName: "queue.slow" });
    provider.getLogger("e2e").emit({ severityNumber: SeverityNumber.ERROR, body: "queue is down", attributes: { "exception.type": "QueueDown" } });
    await provider.shutdown();
    const rows = await exportedRun(page, runId);
    expect(rows.map((row) => [row.kind, row.type])).toEqual(expect.arrayContaining([["event", "queue.slow"], ["error", "QueueDown"]]));
    expect(rows).toHaveLength(2);
  });
});

test.describe(() => {
  test.use({ storageState: SESSION.admin });

  test("@sentry/node sends to /api/<n>/envelope/ (trailing slash, no redirect) with the page's DSN", async ({ page }) => {
    const { dsn } = await createKeyWithDsn(page);
    const runId = `sentry-node-e2e-${Date.now()}`;
    const client = SentryNode.init({ dsn, defaultIntegrations: false, integrations: [], tracesSampleRate: 0 });
    SentryNode.setTag("logdeck.run_id", runId);
    SentryNode.captureException(new TypeError("node e2e boom"));
    await SentryNode.flush(5_000);
    await client?.close(2_000);
    const rows = await exportedRun(page, runId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "error", type: "TypeError", message: "node e2e boom" });
  });
});

test.describe("@sentry/browser on another origin", () => {
  test.use({ storageState: SESSION.admin });

  let server: Server;
  test.beforeAll(async () => {
    // @sentry/browser 11 ships no CDN bundle in its npm package: bundle the real package once.
    const bundle = buildSync({ stdin: { contents: 'import * as Sentry from "@sentry/browser"; window.Sentry = Sentry;', resolveDir: process.cwd() }, bundle: true, format: "iife", write: false, minify: true }).outputFiles[0]!.text;
    server = createServer((req, res) => {
      if (req.url === "/sentry.js") {
        res.writeHead(200, { "content-type": "text/javascript" });
        return void res.end(bundle);
      }
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><title>shop</title><script src="/sentry.js"></script><p>shop</p>');
    });
    await new Promise<void>((resolve) => server.listen(port + 2000, "127.0.0.1", resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("sends an error the server stores, and the browser may read the answer (CORS)", async ({ page, browser }) => {
    const { dsn } = await createKeyWithDsn(page);
    const runId = `sentry-browser-e2e-${Date.now()}`;
    // A stranger's shop: its visitor has no logdeck session.
    const shop = await browser.newPage({ storageState: NO_SESSION });
    await shop.goto(otherOrigin);
    const answer = shop.waitForResponse((response) => response.url().includes("/envelope/") && response.request().method() === "POST");
    await shop.evaluate(
      ({ dsn, runId }) => {
        const Sentry = (window as unknown as { Sentry: typeof import("@sentry/browser") }).Sentry;
        Sentry.init({ dsn, defaultIntegrations: false, tracesSampleRate: 0 });
        Sentry.setTag("logdeck.run_id", runId);
        Sentry.captureException(new Error("browser e2e boom"));
      },
      { dsn, runId },
    );
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.headers()["access-control-allow-origin"]).toBe(otherOrigin);
    const rows = await exportedRun(page, runId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "error", type: "Error", message: "browser e2e boom" });
    await shop.close();
  });
});

test("nothing that is not a page view is sent to sign in, or answered 200 by it", async ({ request }) => {
  const wrongPath = await request.post("/v1/logz", { headers: { "content-type": "application/x-protobuf" }, data: Buffer.from([1, 2, 3]), maxRedirects: 0 });
  expect(wrongPath.status()).toBe(404);
  expect((await wrongPath.json()).error.code).toBe("not_found");
  const toLogin = await request.post("/login", { headers: { "content-type": "application/json" }, data: { resourceLogs: [] }, maxRedirects: 0 });
  expect(toLogin.status()).toBe(405);
  expect(toLogin.headers()["allow"]).toBe("GET, HEAD");
  const metrics = await request.post("/v1/metrics", { headers: { "content-type": "application/x-protobuf" }, data: Buffer.from([]), maxRedirects: 0 });
  expect(metrics.status()).toBe(404);
});

test("the old export and live URLs redirect to /api, keeping the query", async ({ request }) => {
  const response = await request.get("/runs/some-run/export?format=csv&kind=error", { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers()["location"]).toBe("/api/runs/some-run/export?format=csv&kind=error");
  const live = await request.get("/runs/some-run/live?after=x", { maxRedirects: 0 });
  expect(live.status()).toBe(308);
  expect(live.headers()["location"]).toBe("/api/runs/some-run/live?after=x");
});
