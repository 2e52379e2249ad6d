// URLs nobody's link produces but anyone can type or paste: ids and filters holding a NUL
// or an unpaired surrogate (no stored row can), broken percent-encoding, non-canonical
// traceIds, and what support pastes into the go-to box. Each gets a plain answer: a 404,
// a 400, a redirect or the page with the bad value ignored — never a 500 or an error page.
import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { NO_SESSION, SESSION, signedInPage } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts), but where a test says "without".
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const P = E2E.project.id;
const cursorOf = (tuple: unknown[]) => Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");

test("an id with a NUL or an unpaired surrogate is a 404, on every page and route", async ({ page }) => {
  for (const path of ["/runs/%00", `/runs/${D.runId}%00`, "/runs/a%00b", "/traces/%00", `/traces/${D.traceId}%00`, `/projects/%00/errors`, `/projects/%00/runs`, `/projects/${P}%00/runs`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" }), path).toBeVisible();
  }
  for (const path of ["/api/runs/%00/export?format=csv", "/api/runs/%00/live", `/api/runs/${D.runId}%00/export`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect((await response.json()).error.code, path).toBe("not_found");
  }
});

test("the go-to box finds no id for such text, and the explorer finds no row", async ({ page }) => {
  for (const q of ["a%00b", "%00", "run%ED%A0%80"]) {
    const response = await page.goto(`/go?q=${q}`);
    expect(response?.status(), q).toBe(200);
    await expect(page, q).toHaveURL(/\/explore\?q=/);
    await expect(page.getByText("No events or errors match this search in this time range."), q).toBeVisible();
  }
});

test("a filter, `at` or cursor holding a NUL is ignored like any other invalid one", async ({ page }) => {
  // Ten page loads: past 30 s on a loaded 2-core machine.
  test.slow();
  const bad = (id: string) => cursorOf([new Date().toISOString(), id, "event", "n"]);
  for (const query of ["type=%00", "at=%00", "at=ev%00", `cursor=${bad("ev\u0000")}`, `cursor=${bad("\ud800")}`, "type=SIM_STEP%00,%00"]) {
    const response = await page.goto(`/runs/${D.runId}?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: D.runName }), query).toBeVisible();
    await expect(page.locator("tr.timeline-row").first(), query).toBeVisible();
  }
  const live = await page.request.get(`/api/runs/${D.runId}/live?after=${bad("ev\u0000")}&type=%00`);
  expect(live.status()).toBe(200);
  expect((await live.json()).rows.length).toBeGreaterThan(0);
  for (const path of [`/projects/${P}/errors?type=%00`, `/projects/${P}/errors?cursor=${cursorOf([new Date().toISOString(), "e\u0000"])}`, `/projects/${P}/runs?cursor=${cursorOf([new Date().toISOString(), "r\u0000"])}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { name: E2E.project.name }), path).toBeVisible();
    await expect(page.getByRole("heading", { name: "This page could not be loaded" }), path).toHaveCount(0);
  }
});

// The test's own `request` (and pages) start with no session here.
test.describe(() => {
  test.use({ storageState: NO_SESSION });

  test("broken percent-encoding in the path is a 400, signed in or not", async ({ browser, request }) => {
    const member = await signedInPage(browser, "member");
    // Signed in indeed: better-auth's own session endpoint knows the member.
    expect((await (await member.request.get("/api/auth/get-session")).json())?.user?.email).toBe(E2E.memberEmail);
    for (const path of ["/runs/%FF", "/runs/%", "/runs/%ED%A0%80", "/traces/%E0%A4", "/projects/%C0%AF/errors", "/api/runs/%FF/export"]) {
      for (const client of [member.request, request]) {
        const response = await client.get(path, { maxRedirects: 0 });
        expect(response.status(), path).toBe(400);
        expect(await response.text(), path).toContain("not valid percent-encoded UTF-8");
      }
    }
  });

  test("export and live answer 401 JSON without a cookie, not a redirect to sign in", async ({ request }) => {
    for (const path of [`/api/runs/${D.runId}/export?format=csv`, `/api/runs/${D.runId}/live`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error.code, path).toBe("unauthorized");
    }
    // Their old URLs move to the API, keeping the query, and then answer the same.
    const old = await request.get(`/runs/${D.runId}/export?format=csv`, { maxRedirects: 0 });
    expect(old.status()).toBe(308);
    const moved = new URL(old.headers()["location"]!, "http://logdeck.invalid");
    expect(moved.pathname + moved.search).toBe(`/api/runs/${D.runId}/export?format=csv`);
    expect((await request.get(`/runs/${D.runId}/live`)).status()).toBe(401);
  });
});

test("an upper-case or braced traceId is a real redirect to the canonical URL", async ({ page }) => {
  for (const path of [`/traces/${D.traceId.toUpperCase()}`, `/traces/%7B${D.traceId}%7D`, `/traces/${D.traceId.replace(/-/g, "")}`]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(new URL(response.headers().location!, "http://x").pathname, path).toBe(`/traces/${D.traceId}`);
  }
  await page.goto(`/traces/${D.traceId.toUpperCase()}`);
  await expect(page).toHaveURL(new RegExp(`/traces/${D.traceId}$`));
  await expect(page.getByRole("article")).toHaveCount(3);
});

test("the go-to box finds what support pastes, and says when it is too long", async ({ page, baseURL }) => {
  // Ten page loads: past 30 s on a loaded 2-core machine.
  test.slow();
  const box = page.getByRole("banner").getByRole("textbox", { name: /Go to/ });
  const go = async (text: string) => {
    await box.fill(text);
    await box.press("Enter");
  };
  await page.goto("/");
  await go(`Something went wrong. Reference: ${D.traceId}`);
  await expect(page).toHaveURL(new RegExp(`/traces/${D.traceId}$`));
  await go(`urn:uuid:${D.traceId.toUpperCase()}`);
  await expect(page).toHaveURL(new RegExp(`/traces/${D.traceId}$`));
  await go(`“${D.runId}”`);
  await expect(page.getByRole("heading", { name: D.runName })).toBeVisible();
  await go(`https://logs.example.com/traces/${D.traceId}`);
  await expect(page).toHaveURL(new RegExp(`/traces/${D.traceId}$`));
  await go(`${baseURL}/runs/${D.runId}?order=asc`);
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}$`));

  // The box takes at most 2,000 characters; a longer hand-made URL is "too long", not a 431.
  await expect(box).toHaveAttribute("maxlength", "2000");
  await box.fill("x".repeat(2_500));
  expect((await box.inputValue()).length).toBe(2_000);
  const response = await page.goto(`/go?q=${"y".repeat(3_000)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("too long");
});
