// While the database is down, every door says so and says to retry: a signed-in user is
// not sent to sign in again, sign-in does not claim a wrong password, scripts get 503 with
// Retry-After (not 401 or 500), and the page offers to try again. The server is the same
// production build as the other journeys, pointed at a port where nothing listens.
import { expect, test } from "@playwright/test";
import { E2E, outageBaseUrl } from "./fixtures";
import { signedSessionCookie } from "./sign-in";

// A cookie that passes the signature check, so the server has to ask the database about it.
const cookie = signedSessionCookie("someSessionToken0123456789abcdef");

test.use({ baseURL: outageBaseUrl });

test("the health check answers 503", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(503);
  expect(response.headers()["retry-after"]).toBe("5");
  expect(await response.json()).toMatchObject({ status: "unavailable" });
});

test("a signed-in user gets an error page that offers to try again, not the sign-in page", async ({ page, context }) => {
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: outageBaseUrl }]);
  for (const path of ["/", `/runs/${E2E.dashboard.runId}`, `/traces/${E2E.dashboard.traceId}`]) {
    await page.goto(path);
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    // What went wrong stays in the server's log.
    await expect(page.locator("body")).not.toContainText("127.0.0.1:1");
    await expect(page.locator("body")).not.toContainText("ECONNREFUSED");
  }
});

test("signing in says the database is unreachable, not that the password is wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E.adminEmail);
  await page.getByLabel("Password").fill(E2E.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("logdeck cannot reach its database right now")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("APIs answer 503 with Retry-After to a session and to an ingest key", async ({ request }) => {
  const retention = await request.post("/api/admin/retention", { headers: { cookie, "content-type": "application/json" }, data: { dryRun: true } });
  expect(retention.status()).toBe(503);
  expect(retention.headers()["retry-after"]).toMatch(/^\d+$/);
  expect((await retention.json()).error.code).toBe("service_unavailable");
  const events = await request.post("/api/events", { headers: { authorization: `Bearer ${E2E.ingestKey}` }, data: { eventType: "OUTAGE_TEST" } });
  expect(events.status()).toBe(503);
  expect(events.headers()["retry-after"]).toMatch(/^\d+$/);
});
