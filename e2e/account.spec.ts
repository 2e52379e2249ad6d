// A user changes their own password on /account: the current one is checked, mistakes are
// explained, and afterwards this browser stays signed in while every other session ends.
// The user is made for this test, so the shared fixture accounts keep their passwords and
// the shared sessions live on: the admin who adds the user uses the saved admin session, the
// user signs in through the form, in sessions of their own (signInAs).
import { expect, test, type Page } from "@playwright/test";
import { SESSION } from "./sessions";
import { ALERT, signInAs } from "./sign-in";

test.use({ storageState: SESSION.admin });

const first = "first-password-for-account-e2e";
const second = "second-password-for-account-e2e";

async function changePassword(page: Page, { current, next, again = next }: { current: string; next: string; again?: string }) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password (at least 12 characters)").fill(next);
  await page.getByLabel("New password again").fill(again);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a user changes their own password; other sessions end, this one stays", async ({ page, browser }) => {
  // Five browser contexts and four sign-ins: more than 30 s on a loaded 2-core machine.
  test.slow();
  const email = `account-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/Initial password/).fill(first);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toBeVisible();

  const here = await signInAs(browser, email, first);
  const elsewhere = await signInAs(browser, email, first);
  await expect(here).toHaveURL(/\/$/);
  await expect(elsewhere).toHaveURL(/\/$/);

  await here.getByRole("link", { name: email }).click();
  await expect(here).toHaveURL(/\/account$/);
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();

  await changePassword(here, { current: "not-the-password-at-all", next: second });
  await expect(here.locator(ALERT)).toHaveText("The current password is wrong.");
  await changePassword(here, { current: first, next: second, again: `${second}x` });
  await expect(here.locator(ALERT)).toHaveText("The two new passwords differ.");

  await changePassword(here, { current: first, next: second });
  await expect(here.getByRole("status")).toContainText("Password changed");
  await expect(here.getByLabel("Current password")).toHaveValue("");

  await here.goto("/");
  await expect(here).toHaveURL(/\/$/);
  await elsewhere.goto("/");
  await expect(elsewhere).toHaveURL(/\/login/);
  const withOld = await signInAs(browser, email, first);
  await expect(withOld.locator(ALERT)).toHaveText("Wrong email or password.");
  const withNew = await signInAs(browser, email, second);
  await expect(withNew).toHaveURL(/\/$/);
});
