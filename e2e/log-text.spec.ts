// Log text is shown, never obeyed: bidi controls in it appear as their escapes, and long
// unbroken strings (a 1,000-character type, endpoint or message) wrap or are cut short
// instead of widening the page. E2E.hostileText holds both, in a project and run of their own.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

const T = E2E.hostileText;
const pages = {
  home: "/",
  runs: `/projects/${T.projectId}/runs`,
  errors: `/projects/${T.projectId}/errors`,
  // The long error's row opened, so its detail (type, endpoint, message, stack) is measured too.
  timeline: `/runs/${T.runId}?at=err_e2e_long`,
  trace: `/traces/${T.traceId}`,
};

/** Text on the page (and its title, labels and tooltips) that still holds a bidi control. */
function rawBidiControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bidi = /[\u202a-\u202e\u2066-\u2069]/;
    const found: string[] = [];
    if (bidi.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Scripts carry the page's data, not text shown.
      if (node.parentElement?.closest("script, style")) continue;
      if (bidi.test(node.nodeValue!)) found.push(`text in <${node.parentElement?.tagName.toLowerCase()}>: ${node.nodeValue!.slice(0, 60)}`);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [title]")) {
      for (const name of ["aria-label", "title"]) {
        const value = element.getAttribute(name);
        if (value && bidi.test(value)) found.push(`${name}: ${value.slice(0, 60)}`);
      }
    }
    return found;
  });
}

/** How far the page is wider than the window (filter selects holding a 1,000-character type included). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("bidi controls in log text are shown as escapes on every page", async ({ page }) => {
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(path);
    await expect(page.getByRole("main"), name).toContainText("\\u202E");
    expect(await rawBidiControls(page), name).toEqual([]);
  }
  // Where the bidi type itself is shown, it reads in order, escape and all.
  const shown = "BIDI_\\u202Etxt.exe";
  await page.goto(`/runs/${T.runId}?at=err_e2e_bidi`);
  await expect(page.locator("#row-ev_e2e_bidi .timeline-cell-type")).toContainText(shown);
  await expect(page.locator("#row-ev_e2e_bidi").getByRole("button", { name: `Expand event ${shown}` })).toBeVisible();
  await expect(page.locator("#row-err_e2e_bidi + tr")).toContainText(`/upload/${shown}`);
  await page.goto(pages.trace);
  await expect(page.getByRole("article", { name: `${shown} error` }).locator("header")).toContainText(`${shown}`);
  await expect(page.getByRole("article", { name: `${shown} error` }).locator("header")).toContainText(`/upload/${shown}`);
  await page.goto(pages.errors);
  await expect(page.getByRole("table", { name: "Error groups" }).getByRole("link", { name: shown, exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Error groups" }).getByRole("link", { name: `Refused ${shown}` })).toBeVisible();
});

for (const width of [1280, 375]) {
  test(`1,000 unbroken characters of log text do not widen a page at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      await expect(page.getByRole("main"), name).toBeVisible();
      expect(await overflow(page), name).toBeLessThanOrEqual(0);
    }
  });
}

test("a long type, endpoint and message stay readable in full", async ({ page }) => {
  // The timeline's Type cell cuts a long type short; the opened row has all of it.
  await page.goto(pages.timeline);
  const detail = page.locator("#row-err_e2e_long + tr");
  const detailBox = (await detail.boundingBox())!;
  for (const text of [T.longType, T.longEndpoint, T.longMessage]) {
    // Wrapped within the row, not cut off at its edge.
    const box = (await detail.getByText(text, { exact: true }).first().boundingBox())!;
    expect(box.x + box.width, text.slice(0, 10)).toBeLessThanOrEqual(detailBox.x + detailBox.width);
  }
  // The trace page wraps them within its article.
  await page.goto(pages.trace);
  const article = page.locator("article#error-err_e2e_long");
  await expect(article.locator("header")).toContainText(T.longType);
  await expect(article.locator("header")).toContainText(T.longEndpoint);
  const articleBox = (await article.boundingBox())!;
  for (const text of [T.longType, T.longEndpoint]) {
    const box = (await article.getByText(text, { exact: true }).boundingBox())!;
    expect(box.x + box.width, text.slice(0, 10)).toBeLessThanOrEqual(articleBox.x + articleBox.width);
  }
});
