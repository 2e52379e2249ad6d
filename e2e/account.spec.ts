// A user changes their own password on /account: the current one is checked, mistakes are
// explained, and afterwards this browser stays signed in while every other session ends.
// The user is made for this test, so the shared fixture accounts keep their passwords.
import { expect, test, type Page } from "@playwright/test";
import { ALERT, signIn, signInAs } from "./sign-in";

const first = "first-password-for-account-e2e";
const second = "second-password-for-account-e2e";

async function changePassword(page: Page, { current, next, again = next }: { current: string; next: string; again?: string }) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password (at least 12 characters)").fill(next);
  await page.getByLabel("New password again").fill(again);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a user changes their own password; other sessions end, this one stays", async ({ page, browser }) => {
  // Four browser contexts and five sign-ins: more than 30 s on a loaded 2-core machine.
  test.slow();
  const email = `account-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
  await signIn(page, "admin");
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
