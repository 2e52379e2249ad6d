// Phones (390 px, docs/ui.md): no page scrolls sideways and no table has to. A timeline row
// folds its secondary columns (time, since start, actor or severity) under its type, and its
// details are on a line of their own; the other tables show each row as a card of
// "label value" lines.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

const D = E2E.dashboard;
const WIDTH = 390;
test.use({ viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true, storageState: SESSION.member });

const documentOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectOnScreen(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x, `${locator}`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${locator}`).toBeLessThanOrEqual(WIDTH);
}

test("the run timeline shows each row's type and details without scrolling sideways", async ({ page }) => {
  await page.goto(`/runs/${D.runId}`);
  const first = page.locator("#row-ev_e2e_149");
  await expect(first).toBeVisible();
  expect(await documentOverflow(page)).toBeLessThanOrEqual(0);
  const table = page.locator("table.timeline");
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);

  const type = first.locator(".timeline-cell-type");
  const details = first.locator(".timeline-cell-summary");
  await expectOnScreen(type);
  await expect(type).toContainText("SIM_STEP");
  await expectOnScreen(details);
  await expect(details.getByText(/"step": ?149/)).toBeInViewport();
  // Details get the row's width, not a squeezed column: most of the screen.
  expect((await details.boundingBox())!.width).toBeGreaterThanOrEqual(WIDTH * 0.6);
  // The secondary columns fold under the type rather than off the right edge.
  for (const cell of [first.locator(".timeline-cell-time"), first.locator(".timeline-cell-since"), first.locator(".timeline-cell-who"), first.getByRole("link", { name: /^Permalink/ }), first.getByRole("button", { name: /^Expand/ })]) await expectOnScreen(cell);
  // …whole: the time and the time since start are not cut off.
  for (const cell of [first.locator(".timeline-cell-time"), first.locator(".timeline-cell-since")]) expect(await cell.evaluate((td) => td.scrollWidth - td.clientWidth), `${cell}`).toBeLessThanOrEqual(0);
  const typeBox = (await type.boundingBox())!;
  const timeBox = (await first.locator(".timeline-cell-time").boundingBox())!;
  expect(timeBox.y).toBeGreaterThanOrEqual(typeBox.y + typeBox.height - 1);

  // An error row's severity badge, and an opened row's detail, fit as well.
  const error = page.locator("#row-err_e2e_trace_1");
  await expect(error.locator(".timeline-cell-who")).toHaveText("critical");
  await expectOnScreen(error.locator(".timeline-cell-who span"));
  await error.getByRole("button", { name: /^Expand/ }).click();
  await expectOnScreen(page.locator("pre.code-block").first());
  expect(await documentOverflow(page)).toBeLessThanOrEqual(0);
});

test.describe(() => {
  test.use({ storageState: SESSION.admin });

  test("the other tables fit a phone: runs, error groups and list, and the admin tables", async ({ page }) => {
    test.setTimeout(90_000);
    const pages: [string, string][] = [
      ["/", "table"],
      [`/projects/${E2E.project.id}/runs`, "table"],
      [`/projects/${E2E.project.id}/errors`, "table"],
      ["/admin/users", "table"],
      ["/admin/keys", "table"],
    ];
    for (const [path, selector] of pages) {
      await page.goto(path);
      const tables = page.locator(selector);
      await expect(tables.first(), path).toBeVisible();
      expect(await documentOverflow(page), path).toBeLessThanOrEqual(0);
      for (const table of await tables.all()) {
        // Nothing to scroll to inside the table's own box either.
        expect(await table.evaluate((t) => Math.max(t.scrollWidth - t.clientWidth, t.parentElement!.scrollWidth - t.parentElement!.clientWidth)), `${path} ${await table.getAttribute("aria-label")}`).toBeLessThanOrEqual(0);
        const box = (await table.boundingBox())!;
        expect(box.x + box.width, path).toBeLessThanOrEqual(WIDTH);
      }
    }
    // The retention page (its history has rows only once a run happened: other specs' business).
    await page.goto("/admin/retention");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await documentOverflow(page)).toBeLessThanOrEqual(0);
    // A card says what each value is.
    await page.goto(`/projects/${E2E.project.id}/errors`);
    const row = page.getByRole("table", { name: "Errors", exact: true }).locator("tbody > tr").first();
    expect(await row.locator("td").first().evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Time"');
  });
});
