import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";
import { ALERT } from "./sign-in";

// In order, in one worker: the journey starts real runs, and while one is in progress the
// page re-renders every second and offers no trigger, which the keyboard test needs.
test.describe.configure({ mode: "default" });
// Signed in with the saved admin session (e2e/sessions.ts); the member's test with the member's.
test.use({ storageState: SESSION.admin });

// The demo seed spans 120 days, so events past 30 days and errors past 90 are there to go.
test("an admin previews, dry-runs and runs retention with confirmation, and sees both in the history; a double click on Confirm starts one run", async ({ page }) => {
  await page.goto("/admin/retention");
  await expect(page.getByRole("heading", { name: "Retention", level: 1 })).toBeVisible();
  const policy = page.getByRole("region", { name: "Policy" });
  await expect(policy).toContainText("kept 30 days");
  await expect(policy).toContainText("kept 90 days");
  await expect(policy).toContainText("cutoff now");

  const previewEvents = Number((await page.getByTestId("preview-events").innerText()).replace(/,/g, ""));
  const previewErrors = Number((await page.getByTestId("preview-errors").innerText()).replace(/,/g, ""));
  expect(previewEvents).toBeGreaterThan(0);

  const history = page.getByRole("region", { name: "History" });
  // Cancel leaves everything as it was.
  await page.getByRole("button", { name: "Run retention now…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Permanently delete about");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  // A dry run: recorded, nothing deleted. Confirmed with a double click: one run, and the
  // focus goes to what happened.
  await page.getByRole("button", { name: "Dry run…" }).click();
  await page.getByRole("button", { name: "Confirm dry run" }).dblclick();
  const dryRow = history.getByRole("row").filter({ hasText: "dry run" });
  await expect(dryRow).toHaveCount(1);
  await expect(dryRow).toContainText("succeeded");
  // Once the run has ended, its outcome replaces "Dry run started." (#12.4).
  const result = page.getByRole("status").filter({ hasText: /^(Dry run|Retention run) / });
  await expect(result).toHaveText(`Dry run finished: ${previewEvents.toLocaleString("en-US")} events and ${previewErrors.toLocaleString("en-US")} errors would be deleted.`);
  await expect(result).toBeFocused();
  await expect(dryRow).toContainText(E2E.adminEmail);
  await expect(dryRow).toContainText(previewEvents.toLocaleString("en-US"));
  await expect(page.getByTestId("preview-events")).toHaveText(previewEvents.toLocaleString("en-US"));

  // The real run, after confirming.
  await page.getByRole("button", { name: "Run retention now…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`${previewEvents.toLocaleString("en-US")} events`);
  await page.getByRole("button", { name: "Confirm and delete" }).dblclick();
  const deleteRow = history.getByRole("row").filter({ hasText: "delete" }).filter({ hasText: "succeeded" });
  await expect(deleteRow).toHaveCount(1);
  // No second submit came along to find this run busy.
  await expect(page.locator(ALERT)).toHaveCount(0);
  await expect(result).toHaveText(`Retention run finished: deleted ${previewEvents.toLocaleString("en-US")} events and ${previewErrors.toLocaleString("en-US")} errors.`);
  await expect(result).toBeFocused();
  await expect(deleteRow).toContainText(E2E.adminEmail);
  await expect(deleteRow).toContainText("dashboard");
  await expect(deleteRow.getByRole("cell").nth(4)).toHaveText(previewEvents.toLocaleString("en-US"));
  await expect(deleteRow.getByRole("cell").nth(5)).toHaveText(previewErrors.toLocaleString("en-US"));
  await page.reload();
  await expect(page.getByTestId("preview-events")).toHaveText("0");
  // Each double click started one run, once the page has the whole history.
  await expect(history.getByRole("row").filter({ hasText: "dry run" })).toHaveCount(1);
  await expect(history.getByRole("row").filter({ hasText: "delete" })).toHaveCount(1);
});

// After the journey, so the history has a dry run and a delete to show (#12.4).
test("the history table fits a 1440 px screen, its Outcome column in view", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/admin/retention");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row")).toHaveCount(3);
  const box = history.locator("div.overflow-x-auto");
  expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  await expect(history.getByRole("columnheader", { name: "Outcome" })).toBeInViewport();
  await expect(history.getByRole("row").nth(1).getByText("succeeded")).toBeInViewport();
});

test.describe(() => {
  test.use({ storageState: SESSION.member });

  test("a member gets the 403 page, and the API refuses a member's session", async ({ page }) => {
    const response = await page.goto("/admin/retention");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
    const api = await page.request.post("/api/admin/retention", { data: { dryRun: true } });
    expect(api.status()).toBe(403);
  });
});

test.describe("for a viewer in Newfoundland (UTC−3:30), using the keyboard", () => {
  test.use({ timezoneId: "America/St_Johns", locale: "en-US" });

  test("the confirmation is modal: it takes the focus and keeps it, Escape cancels and gives it back; times show in the viewer's zone, UTC on hover", async ({ page }) => {
    await page.goto("/admin/retention");
    // A cutoff in the policy: a time the page shows.
    const cutoff = page.getByRole("main").locator("time").first();
    const iso = (await cutoff.getAttribute("dateTime"))!;
    await expect(cutoff).toHaveAttribute("title", `${iso} (UTC)`);
    const local = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/St_Johns",
      year: "numeric",
      month: "short",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
    }).format(new Date(iso));
    await expect(cutoff).toHaveText(local);

    // Opened and cancelled from the keyboard only: nothing is started.
    const run = page.getByRole("button", { name: "Run retention now…" });
    await run.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
    // Tab and Shift+Tab go round the dialog's buttons, never to the page behind it.
    const dialog = page.getByRole("alertdialog");
    const focusInDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
    for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
      await page.keyboard.press(key);
      expect(await focusInDialog(), key).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(run).toBeFocused();

    // Escape closes it wherever the focus is.
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.press("Escape");
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(run).toBeFocused();

    const dry = page.getByRole("button", { name: "Dry run…" });
    await dry.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Enter"); // on Cancel
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(dry).toBeFocused();
  });
});
