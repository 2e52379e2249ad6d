// Sign-in attempts are limited per account and per address, with a clear message.
// Limits: the defaults, SIGN_IN_LIMIT_PER_ACCOUNT=10 and SIGN_IN_LIMIT_PER_ADDRESS=50.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { ALERT } from "./sign-in";

const PER_ACCOUNT = 10;
const PER_ADDRESS = 50;

async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

test("an account is locked after too many failures, even for the right password", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < PER_ACCOUNT; i++) {
    await attempt(page, E2E.auth.lockedEmail, `wrong-password-${i}`);
    await expect(page.locator(ALERT)).toHaveText("Wrong email or password.");
  }
  await attempt(page, E2E.auth.lockedEmail, E2E.auth.lockedPassword);
  await expect(page.locator(ALERT)).toHaveText("Too many sign-in attempts; try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login/);
});

test("an address trying many accounts is stopped", async ({ browser }) => {
  test.setTimeout(180_000); // 51 sign-ins, each a password hash
  // Without TRUST_PROXY a single-address X-Forwarded-For is taken as the client's (it is
  // what Next.js sets for a direct connection): this gives the test an address of its own.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const page = await context.newPage();
  await page.goto("/login");
  for (let i = 0; i < PER_ADDRESS; i++) {
    await attempt(page, `nobody-${i}@e2e.test`, "wrong-password");
    await expect(page.locator(ALERT)).toHaveText("Wrong email or password.");
  }
  await attempt(page, "someone-new@e2e.test", "wrong-password");
  await expect(page.locator(ALERT)).toHaveText(/^Too many sign-in attempts; try again in \d+ minutes?\.$/);
  await context.close();
});
