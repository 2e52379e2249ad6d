import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION, signedInPage } from "./sessions";

// The ingestion API end to end: what a caller posts shows up in the dashboard.
test("events and errors posted to the API show up as a new project on the home page", async ({ page, browser }) => {
  const project = `proj_ingest_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const auth = { Authorization: `Bearer ${E2E.ingestKey}` };

  const refused = await page.request.post("/api/events", { data: { eventType: "X", projectId: project } });
  expect(refused.status()).toBe(401);

  const events = await page.request.post("/api/events", {
    headers: auth,
    data: { events: [{ id: `${project}-e1`, eventType: "SIM_STARTED", projectId: project, runId: `${project}-run` }, { eventType: "RUN_SAVED", projectId: project }] },
  });
  expect(events.status()).toBe(201);
  expect((await events.json()).ids[0]).toBe(`${project}-e1`);

  const error = await page.request.post("/api/errors", {
    headers: auth,
    data: { traceId: crypto.randomUUID(), errorType: "API_ERROR", message: "upstream timed out", projectId: project },
  });
  expect(error.status()).toBe(201);

  // sendBeacon's way: the key in the query string, the JSON as text/plain, from a page.
  await page.goto("/login");
  const queued = await page.evaluate(
    ({ key, projectId }) =>
      navigator.sendBeacon(`/api/errors?key=${key}`, JSON.stringify({ errors: [{ traceId: crypto.randomUUID(), errorType: "ENGINE_ERROR", message: "on unload", projectId }] })),
    { key: E2E.ingestKey, projectId: project },
  );
  expect(queued).toBe(true);

  // A member, in a browser of their own, sees them.
  const member = await signedInPage(browser, "member");
  const projects = member.getByRole("region", { name: "Projects" });
  await expect(async () => {
    await member.goto("/");
    const card = projects.getByRole("listitem").filter({ has: member.getByRole("link", { name: project }) });
    await expect(card).toContainText("2 errors", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("other methods get 405 with Allow and the JSON error body", async ({ request }) => {
  for (const path of ["/api/events", "/api/errors"]) {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await request.fetch(path, { method, headers: { authorization: `Bearer ${E2E.ingestKey}` } });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"]).toBe("POST, OPTIONS");
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
    const head = await request.head(path);
    expect([head.status(), head.headers()["allow"]]).toEqual([405, "POST, OPTIONS"]);
  }
  const retention = await request.get("/api/admin/retention");
  expect([retention.status(), retention.headers()["allow"]]).toEqual([405, "POST, OPTIONS"]);
  const options = await request.fetch("/api/admin/retention", { method: "OPTIONS" });
  expect([options.status(), options.headers()["allow"]]).toEqual([204, "POST, OPTIONS"]);
});

test("an /api/ path no route serves answers a JSON 404; better-auth's own paths still answer", async ({ request }) => {
  for (const [method, path] of [["POST", "/api/event"], ["GET", "/api/v1/events"], ["GET", "/api/admin"]] as const) {
    const response = await request.fetch(path, { method, data: method === "POST" ? { eventType: "X" } : undefined });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "not_found", message: expect.stringContaining("POST /api/events") });
  }
  const session = await request.get("/api/auth/get-session");
  expect(session.status()).toBe(200);
});

test("a gzip body, as log shippers send it, is stored; another coding is a 415", async ({ request }) => {
  const headers = { authorization: `Bearer ${E2E.ingestKey}`, "content-type": "application/json" };
  const id = `gzip-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const gzipped = await request.post("/api/events", { headers: { ...headers, "content-encoding": "gzip" }, data: gzipSync(JSON.stringify({ events: [{ id, eventType: "SHIPPED" }] })) });
  expect(gzipped.status()).toBe(201);
  expect((await gzipped.json()).ids).toEqual([id]);
  const brotli = await request.post("/api/events", { headers: { ...headers, "content-encoding": "br" }, data: JSON.stringify({ eventType: "SHIPPED" }) });
  expect(brotli.status()).toBe(415);
  expect((await brotli.json()).error.message).toContain('"br"');
});

test.describe(() => {
  test.use({ storageState: SESSION.member });

  test("a number a double cannot hold is shown, copied and exported as it was sent", async ({ page, context }) => {
    const run = `run_exact_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const traceId = crypto.randomUUID();
    const auth = { Authorization: `Bearer ${E2E.ingestKey}`, "Content-Type": "application/json" };
    // Written by hand: JSON.stringify could not even express these numbers.
    const event = await page.request.post("/api/events", {
      headers: auth,
      data: `{"id":"${run}-e","eventType":"ORDER_PLACED","projectId":"${E2E.project.id}","runId":"${run}","payload":{"orderId":12345678901234567890,"price":0.1000000000000000055511151231257827}}`,
    });
    expect(event.status()).toBe(201);
    const error = await page.request.post("/api/errors", {
      headers: auth,
      data: `{"traceId":"${traceId}","errorType":"API_ERROR","message":"declined","projectId":"${E2E.project.id}","runId":"${run}","detail":{"orderId":98765432109876543210}}`,
    });
    expect(error.status()).toBe(201);

    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/runs/${run}?at=${run}-e`);
    const detail = page.locator(`tr#row-${run}-e + tr`);
    await expect(detail).toContainText('"orderId": 12345678901234567890');
    await expect(detail).toContainText('"price": 0.1000000000000000055511151231257827');
    await detail.getByRole("button", { name: "Copy payload" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('"orderId": 12345678901234567890');

    await page.goto(`/traces/${traceId}`);
    await expect(page.getByRole("article")).toContainText('"orderId": 98765432109876543210');

    const ndjson = await (await page.request.get(`/api/runs/${run}/export?format=ndjson&order=asc`)).text();
    expect(ndjson).toContain('"orderId": 12345678901234567890');
    expect(ndjson).toContain('"orderId": 98765432109876543210');
  });
});
