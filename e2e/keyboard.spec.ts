// Keyboard shortcuts on lists (components/keyboard, docs/ui.md): j/k move between rows,
// Enter/o open one, [/] change page, / focuses search, ? lists them; none of them fires
// while the user types in a box.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const rows = (page: Page) => page.locator("tr.timeline-row");
const current = (page: Page) => page.locator("[data-kbd-current]");
// The shortcuts work once the page has hydrated; their button is enabled from then on.
const ready = (page: Page) => expect(page.getByRole("button", { name: /Keyboard shortcuts/ })).toBeEnabled();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("on the run timeline: j/k walk the rows, o and Enter open and close one, [ and ] change page", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/runs/${D.runId}`);
  await expect(rows(page)).toHaveCount(100);
  await ready(page);

  await page.keyboard.press("j");
  await expect(current(page)).toHaveAttribute("id", "row-ev_e2e_149");
  // The row's toggle has the focus, so Tab, Enter and screen readers start from there.
  await expect(rows(page).nth(0).getByRole("button", { name: /^Expand/ })).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(current(page)).toHaveAttribute("id", "row-ev_e2e_147");
  await page.keyboard.press("k");
  await expect(current(page)).toHaveAttribute("id", "row-ev_e2e_148");
  await expect(current(page)).toHaveCount(1);

  await page.keyboard.press("o");
  await expect(page.locator("#row-ev_e2e_148 + tr")).toContainText('"step": 148');
  await expect(rows(page).nth(1).getByRole("button", { name: /^Collapse/ })).toHaveAttribute("aria-expanded", "true");
  // Enter on the focused toggle closes it again: once, not opened and closed by two handlers.
  await page.keyboard.press("Enter");
  await expect(rows(page).nth(1).getByRole("button", { name: /^Expand/ })).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator("#row-ev_e2e_148 + tr")).not.toContainText('"step": 148');

  // The current row stays current when the page is clicked elsewhere: o still opens it.
  await page.locator("h1").click();
  await page.keyboard.press("o");
  await expect(rows(page).nth(1).getByRole("button", { name: /^Collapse/ })).toBeVisible();

  // k at the top stays on the first row.
  for (let i = 0; i < 3; i++) await page.keyboard.press("k");
  await expect(current(page)).toHaveAttribute("id", "row-ev_e2e_149");

  await page.keyboard.press("]");
  await expect(page).toHaveURL(/cursor=/);
  const older = page.url();
  await expect(rows(page)).toHaveCount(53);
  const oldest = await rows(page).first().getAttribute("id");
  await page.keyboard.press("j");
  await expect(current(page)).toHaveAttribute("id", oldest!);
  await page.keyboard.press("[");
  // "← Newer" (rel=prev): back to the 100 newest rows.
  await expect(page).not.toHaveURL(older);
  await expect(rows(page).first()).toHaveAttribute("id", "row-ev_e2e_149");
  await expect(rows(page)).toHaveCount(100);
});

test("shortcuts do not fire while typing in a box, / focuses the go-to box, ? lists them", async ({ page }) => {
  await page.goto(`/runs/${D.runId}`);
  await expect(rows(page)).toHaveCount(100);
  await ready(page);

  await page.keyboard.press("/");
  const goTo = page.getByRole("textbox", { name: /Go to/ });
  await expect(goTo).toBeFocused();
  await page.keyboard.type("jjk]o?");
  await expect(goTo).toHaveValue("jjk]o?");
  await expect(current(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // Out of the box, ? opens the list of shortcuts; Escape closes it.
  await goTo.blur();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const action of ["Next / previous row", "Open the row", "Previous / next page", "Focus search"]) await expect(help.getByText(action)).toBeVisible();
  // The rows underneath do not move while it is open.
  await page.keyboard.press("j");
  await expect(current(page)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  // And with a modifier, the key is the browser's, not ours.
  await page.keyboard.press("Control+j");
  await expect(current(page)).toHaveCount(0);
  // The button under the list opens the same dialog.
  await page.getByRole("button", { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
});

test("on the errors list: j/k walk the errors, o opens the current one's trace, Enter the focused one's", async ({ page }) => {
  await page.goto(`/projects/${E2E.project.id}/errors`);
  await ready(page);
  const list = page.getByRole("table", { name: "Errors", exact: true });
  const listRows = list.locator("tbody > tr");
  await expect(listRows.first()).toBeVisible();
  const count = await listRows.count();
  expect(count).toBeGreaterThan(2);

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(listRows.nth(1)).toHaveAttribute("data-kbd-current", "");
  await expect(listRows.nth(1).getByRole("link", { name: "trace" })).toBeFocused();
  await page.keyboard.press("k");
  await expect(listRows.nth(0)).toHaveAttribute("data-kbd-current", "");
  const firstTrace = await listRows.nth(0).getByRole("link", { name: "trace" }).getAttribute("href");
  await page.keyboard.press("o");
  await expect(page).toHaveURL(new RegExp(escape(firstTrace!.split("#")[0]!)));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Trace");

  await page.goBack();
  await expect(listRows.first()).toBeVisible();
  await ready(page);
  for (let i = 0; i < count + 2; i++) await page.keyboard.press("j");
  // j at the bottom stays on the last row.
  await expect(listRows.nth(count - 1)).toHaveAttribute("data-kbd-current", "");
  const lastTrace = await listRows.nth(count - 1).getByRole("link", { name: "trace" }).getAttribute("href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(escape(lastTrace!.split("#")[0]!)));
});
