// The explorer's journeys: each test ingests rows of its own (a unique word in them), so
// specs run in parallel without a shared fixture set.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";
import { ALERT } from "./sign-in";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

// Each journey ingests and loads several server-rendered searches: on a shared
// 2-core machine that takes longer than the default 30 s.
test.beforeEach(() => test.slow());

const resultRows = (page: Page) => page.getByRole("table", { name: "Matching events and errors" }).locator("tbody tr[data-row-id]");
const unique = () => `w${randomBytes(5).toString("hex")}`;
const headers = { authorization: `Bearer ${E2E.ingestKey}` };

/** Ingests events and errors of run `runId` in E2E.project, a few seconds ago. */
async function ingest(page: Page, word: string, runId: string) {
  const at = (ms: number) => new Date(Date.now() - ms).toISOString();
  const events = [
    { id: `${word}_e1`, eventType: "SIM_STEP", payload: { step: 5, note: `${word} calm` }, projectId: E2E.project.id, runId, createdAt: at(4_000) },
    { id: `${word}_e2`, eventType: "SIM_STEP", payload: { step: 25, note: `Solver diverged ${word}` }, projectId: E2E.project.id, runId, createdAt: at(3_000) },
    { id: `${word}_e3`, eventType: "PARAMS_UPDATED", payload: { field: word }, projectId: E2E.project.id, runId, actorType: "user", actorId: `usr_${word}`, userId: `usr_${word}`, createdAt: at(3_000) },
  ];
  const errors = [
    { id: `${word}_x1`, traceId: "7a2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", errorType: "ENGINE_ERROR", message: `Solver diverged at step 800 (${word})`, severity: "critical", projectId: E2E.project.id, runId, createdAt: at(2_000) },
  ];
  expect((await page.request.post("/api/events", { data: { events }, headers })).status()).toBe(201);
  expect((await page.request.post("/api/errors", { data: { errors }, headers })).status()).toBe(201);
}

test("search a phrase, add and exclude a facet, open a row in its run", async ({ page }) => {
  const word = unique();
  const runId = `run_${word}`;
  await ingest(page, word, runId);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Explore" }).click();
  await expect(page).toHaveURL(/\/explore$/);
  await page.getByLabel("Query").fill(`"Solver diverged" ${word}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(resultRows(page)).toHaveCount(2);
  // Newest first: the error, then the event.
  await expect(resultRows(page).nth(0)).toHaveAttribute("data-row-id", `${word}_x1`);
  await expect(resultRows(page).nth(1)).toHaveAttribute("data-row-id", `${word}_e2`);

  // Facets: add type:SIM_STEP, then exclude it instead.
  await page.getByLabel("Query").fill(word);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(resultRows(page)).toHaveCount(4);
  await page.getByRole("complementary", { name: "Facets" }).getByRole("region", { name: "Type facet" }).getByRole("link", { name: "SIM_STEP", exact: true }).click();
  await expect(page.getByLabel("Query")).toHaveValue(`${word} type:SIM_STEP`);
  await expect(resultRows(page)).toHaveCount(2);
  await page.goBack();
  await expect(resultRows(page)).toHaveCount(4);
  await expect(page.getByLabel("Query")).toHaveValue(word);
  // Typed but not searched: a facet applies to the query of the rows shown, and the box then shows that query.
  await page.getByLabel("Query").fill(`${word} never-searched`);
  await page.getByRole("link", { name: "Exclude type SIM_STEP" }).click();
  await expect(page.getByLabel("Query")).toHaveValue(`${word} -type:SIM_STEP`);
  await expect(resultRows(page)).toHaveCount(2);
  await expect(page.locator(`tr[data-row-id="${word}_e3"]`)).toBeVisible();

  // Open a row: all of it, then its place in its run.
  await page.getByRole("button", { name: "Expand event PARAMS_UPDATED" }).click();
  await expect(page.getByText(`usr_${word}`).first()).toBeVisible();
  await page.getByRole("link", { name: `Open event ${word}_e3 in its run` }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}\\?at=${word}_e3`));
  await expect(page.locator(`#row-${word}_e3`)).toHaveClass(/timeline-row-highlighted/);
});

test("a mistake in the query is shown under the box with its column, not a failure", async ({ page }) => {
  const response = await page.goto(`/explore?q=${encodeURIComponent("solver foo:bar")}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator(ALERT)).toContainText('Column 8: Unknown field "foo".');
  await expect(page.getByLabel("Query")).toHaveAttribute("aria-invalid", "true");
});

test("zoom the histogram by dragging, and Back returns to the wider range", async ({ page }) => {
  const word = unique();
  await ingest(page, word, `run_${word}`);
  await page.goto(`/projects/${E2E.project.id}/explore?q=${word}&range=1h`);
  await expect(resultRows(page)).toHaveCount(4);
  const chart = page.getByTestId("stacked-bars-chart").locator(".u-over");
  // uPlot draws in the browser after hydration: the overlay exists only then.
  await expect(chart).toBeVisible();
  const box = (await chart.boundingBox())!;
  // Drag across the right half of the last hour, past its right edge (the selection stops at the present).
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 30, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=.*to=/);
  const url = new URL(page.url());
  const from = Date.parse(url.searchParams.get("from")!);
  const to = Date.parse(url.searchParams.get("to")!);
  expect(to - from).toBeLessThan(32 * 60_000);
  expect(to - from).toBeGreaterThan(28 * 60_000);
  await expect(resultRows(page)).toHaveCount(4);
  await expect(page.getByRole("link", { name: "1 h", exact: true })).not.toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByRole("link", { name: "1 h", exact: true })).toHaveAttribute("aria-current", "page");
});

test("save a search and reopen it", async ({ page }) => {
  const word = unique();
  await ingest(page, word, `run_${word}`);
  await page.goto(`/explore?q=${word}+kind:error&range=7d`);
  await expect(resultRows(page)).toHaveCount(1);
  await page.getByText(/^Saved searches/).click();
  await page.getByLabel("Name").fill(`errors of ${word}`);
  await page.getByRole("button", { name: "Save search" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved “errors of ${word}”` })).toBeVisible();
  await page.goto("/explore");
  await page.getByText(/^Saved searches/).click();
  await page.getByRole("link", { name: `errors of ${word}` }).click();
  await expect(page.getByLabel("Query")).toHaveValue(`${word} kind:error`);
  await expect(page).toHaveURL(/range=7d/);
  await expect(resultRows(page)).toHaveCount(1);
});

test("a go-to box miss lands in the explorer with the text as the query", async ({ page }) => {
  const word = unique();
  await ingest(page, word, `run_${word}`);
  await page.goto("/");
  const goTo = page.getByRole("banner").getByRole("search");
  await goTo.getByRole("textbox").fill(`diverged ${word}`);
  await goTo.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/\/explore\?q=diverged/);
  await expect(page.getByLabel("Query")).toHaveValue(`diverged ${word}`);
  await expect(resultRows(page)).toHaveCount(2);
});

test("export streams every row of the search", async ({ page }) => {
  const word = unique();
  await ingest(page, word, `run_${word}`);
  const response = await page.request.get(`/api/explore/export?format=ndjson&q=${word}`);
  expect(response.status()).toBe(200);
  const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as { id: string; projectId: string; runId: string });
  // Newest first; e2 and e3 share a millisecond, so the id decides.
  expect(lines.map((l) => l.id)).toEqual([`${word}_x1`, `${word}_e3`, `${word}_e2`, `${word}_e1`]);
  expect(lines.every((l) => l.projectId === E2E.project.id && l.runId === `run_${word}`)).toBe(true);
  const bad = await page.request.get(`/api/explore/export?format=csv&q=${encodeURIComponent("(a")}`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("Column 1: This ( is never closed: add a ) after its terms.");
});

test("the errors page takes a custom range from its chart and keeps it in the URL", async ({ page }) => {
  await page.goto(`/projects/${E2E.project.id}/errors?window=7d`);
  const chart = page.getByTestId("stacked-bars-chart").locator(".u-over");
  // uPlot draws in the browser after hydration: the overlay exists only then.
  await expect(chart).toBeVisible();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=.*to=/);
  const url = new URL(page.url());
  const span = Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!);
  expect(span).toBeGreaterThan(3 * 86_400_000);
  expect(span).toBeLessThan(4 * 86_400_000);
  await expect(page.getByRole("status").filter({ hasText: "errors in the" })).toContainText("errors in the chosen range");
  await expect(page.getByRole("link", { name: "Last 7 d" })).not.toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page.getByRole("link", { name: "Last 7 d" })).toHaveAttribute("aria-current", "page");
});

test("the results take the list shortcuts: / focuses the query box, j and o open a row", async ({ page }) => {
  const word = unique();
  await ingest(page, word, `run_${word}`);
  await page.goto(`/explore?q=${word}`);
  await expect(resultRows(page)).toHaveCount(4);
  await expect(page.getByRole("button", { name: /Keyboard shortcuts/ })).toBeEnabled();
  await page.locator("h1").first().click();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Query")).toBeFocused();
  // Typed into the box, j is text, not a shortcut (the query is selected on focus: End first).
  await page.keyboard.press("End");
  await page.keyboard.press("j");
  await expect(page.getByLabel("Query")).toHaveValue(`${word}j`);
  await page.getByLabel("Query").blur();
  await page.keyboard.press("j");
  await expect(page.locator("[data-kbd-current]")).toHaveAttribute("data-row-id", `${word}_x1`);
  await page.keyboard.press("o");
  await expect(resultRows(page).nth(0).getByRole("button", { name: /^Collapse/ })).toHaveAttribute("aria-expanded", "true");
});
