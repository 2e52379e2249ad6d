// A phone (375 px) and a tablet (768 px): the header and the run timeline fit the window,
// and nothing a user needs is off-screen or squeezed to nothing. Phones' tables: e2e/phone-layout.spec.ts.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

const D = E2E.dashboard;

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, locator.toString()).not.toBeNull();
  return b!;
}

for (const width of [375, 768]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 }, storageState: SESSION.member });

    test.describe(() => {
      test.use({ storageState: SESSION.admin });

      test("the header wraps: the go-to box, the account and Sign out are on screen", async ({ page }) => {
        // An admin has the most links in the header.
        for (const path of ["/", `/runs/${D.runId}`]) {
          await page.goto(path);
          const header = page.getByRole("banner");
          for (const item of [
            header.getByRole("link", { name: "logdeck" }),
            header.getByRole("link", { name: "Ingest keys" }),
            header.getByRole("textbox", { name: /Go to/ }),
            header.getByRole("button", { name: "Go" }),
            header.getByRole("link", { name: E2E.adminEmail }),
            header.getByRole("button", { name: "Sign out" }),
          ]) {
            const b = await box(item);
            expect(b.x, `${path} ${item}`).toBeGreaterThanOrEqual(0);
            expect(b.x + b.width, `${path} ${item}`).toBeLessThanOrEqual(width);
          }
          // Nothing in it runs past its edge (the rest of the page is other tests' to measure).
          expect(await header.evaluate((element) => element.scrollWidth - element.clientWidth), path).toBeLessThanOrEqual(0);
        }
      });
    });

    // A phone folds each timeline row into lines instead (e2e/phone-layout.spec.ts).
    if (width >= 640)
    test("the timeline keeps its Details column readable", async ({ page }) => {
      await page.goto(`/runs/${D.runId}`);
      const table = page.locator("table.timeline");
      const details = await box(table.getByRole("columnheader", { name: "Details" }));
      const link = await box(table.getByRole("columnheader", { name: "Link" }));
      expect(details.width).toBeGreaterThanOrEqual(160);
      expect(details.x + details.width).toBeLessThanOrEqual(link.x);
      // The table scrolls inside its own box; the page itself stays as wide as the window.
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const summary = page.locator("tr.timeline-row").first().locator(".timeline-cell-summary");
      await summary.scrollIntoViewIfNeeded();
      await expect(summary.getByText(/"step": ?149/)).toBeVisible();
      expect((await box(summary)).width).toBeGreaterThanOrEqual(160);
      await expect(summary.getByText(/"step": ?149/)).toBeInViewport();
    });
  });
}
