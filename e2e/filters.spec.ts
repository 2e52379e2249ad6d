import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const rows = (page: Page) => page.locator("tr.timeline-row");
const select = (page: Page, label: string) => page.getByRole("combobox", { name: new RegExp(`^${label}`) });
const query = (page: Page) => [...new URL(page.url()).searchParams];
// The selects apply as they change once the page is hydrated, which hides the form's Apply
// button (it is there for a browser without JS): a choice made before that is a plain
// form field until Apply, as it would be for a user that quick.
const applyingOnChange = (page: Page) => expect(page.getByRole("button", { name: "Apply" })).toBeHidden();
// The URL is exactly this path and query.
const at = (path: string) => (url: URL) => url.pathname + url.search === path;

/** The run's first page, unfiltered, and its selects saying so. */
async function expectUnfilteredRun(page: Page) {
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}$`));
  await expect(rows(page)).toHaveCount(100);
  await expect(select(page, "Type")).toHaveValue("");
  await expect(select(page, "Actor")).toHaveValue("");
}

test("the timeline's filter selects apply as they change and show the URL's filter after Reset, Back and Forward, sending no empty fields", async ({ page }) => {
  await page.goto(`/runs/${D.runId}`);
  // No Apply: each choice applies at once (the button is there only without JS).
  await applyingOnChange(page);
  await select(page, "Type").selectOption("PARAMS_UPDATED");
  await expect(page).toHaveURL(/type=PARAMS_UPDATED/);
  await applyingOnChange(page);
  await select(page, "Actor").selectOption("user");
  await expect(page).toHaveURL(/actor=user/);
  expect(query(page)).toEqual([
    ["type", "PARAMS_UPDATED"],
    ["actor", "user"],
    ["order", "desc"],
  ]);
  await expect(rows(page)).toHaveCount(15);

  // Reset is a client-side navigation: the selects must not keep the old filter.
  await page.getByRole("link", { name: "Reset" }).click();
  await expectUnfilteredRun(page);

  // Back to the filtered entry (same document), then to the type-only entry, and forward again.
  await page.goBack();
  await expect(page).toHaveURL(/actor=user/);
  await expect(select(page, "Type")).toHaveValue("PARAMS_UPDATED");
  await expect(select(page, "Actor")).toHaveValue("user");
  await page.goBack();
  await expect(page).not.toHaveURL(/actor=/);
  await expect(select(page, "Type")).toHaveValue("PARAMS_UPDATED");
  await expect(select(page, "Actor")).toHaveValue("");
  await page.goForward();
  await expect(page).toHaveURL(/actor=user/);
  await expect(select(page, "Actor")).toHaveValue("user");
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}$`));
  await expect(select(page, "Type")).toHaveValue("");
  await expect(select(page, "Actor")).toHaveValue("");

  // A choice after Reset does not bring the old filter back.
  await applyingOnChange(page);
  await select(page, "Order").selectOption("asc");
  await expect(page).toHaveURL(/order=asc/);
  expect(query(page)).toEqual([["order", "asc"]]);
  await expect(rows(page)).toHaveCount(100);
});

test("the errors page's filter selects show the URL's filter after Clear filters, a window switch, Back and Forward", async ({ page }) => {
  const base = `/projects/${E2E.project.id}/errors`;
  await page.goto(`${base}?severity=critical`);
  await expect(select(page, "Severity")).toHaveValue("critical");
  await page.getByRole("link", { name: "Last 7 d" }).click();
  await expect(page).toHaveURL(at(`${base}?window=7d&severity=critical`));
  await expect(select(page, "Severity")).toHaveValue("critical");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(at(`${base}?window=7d`));
  await expect(select(page, "Severity")).toHaveValue("");

  await page.goBack();
  await expect(page).toHaveURL(at(`${base}?window=7d&severity=critical`));
  await expect(select(page, "Severity")).toHaveValue("critical");
  await page.goForward();
  await expect(page).toHaveURL(at(`${base}?window=7d`));
  await expect(select(page, "Severity")).toHaveValue("");

  // The window stays, no empty type= comes along.
  await select(page, "Severity").selectOption("warning");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(at(`${base}?window=7d&severity=warning`));
  await expect(select(page, "Severity")).toHaveValue("warning");
  await expect(select(page, "Type")).toHaveValue("");
});

test("a 1,024-character type keeps the Type select narrow and the filter form within the page", async ({ page, request }) => {
  const stamp = Date.now();
  const projectId = `proj_e2e_long_type_${stamp}`;
  const runId = `run_e2e_long_type_${stamp}`;
  const eventType = `LONG_EVENT_${"E".repeat(1024 - 11)}`;
  const errorType = `LONG_ERROR_${"R".repeat(1024 - 11)}`;
  const headers = { Authorization: `Bearer ${E2E.ingestKey}` };
  expect((await request.post("/api/events", { headers, data: { eventType, runId, projectId } })).status()).toBe(201);
  expect((await request.post("/api/errors", { headers, data: { traceId: crypto.randomUUID(), errorType, message: "long type", severity: "error", runId, projectId } })).status()).toBe(201);

  const viewport = page.viewportSize()!.width;
  for (const [path, type] of [
    [`/runs/${runId}`, eventType],
    [`/projects/${projectId}/errors`, errorType],
  ] as const) {
    await page.goto(path);
    const typeSelect = select(page, "Type");
    const form = page.getByRole("form", { name: "Filters" });
    await typeSelect.selectOption(type);
    expect((await typeSelect.boundingBox())!.width, path).toBeLessThanOrEqual(320);
    const formBox = (await form.boundingBox())!;
    expect(formBox.x + formBox.width, path).toBeLessThanOrEqual(viewport);
    expect(await form.evaluate((f) => f.scrollWidth <= f.clientWidth), path).toBe(true);
    // The whole type is still there to choose, and to read on hover.
    await expect(typeSelect.locator("option", { hasText: type.slice(0, 40) })).toHaveAttribute("title", type);
  }
});
