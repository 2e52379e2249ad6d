// Sign-in attempts are limited per account and per address, with a clear message; failures
// from one address do not lock the account's owner out at another.
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

test("an address that failed an account too often is refused, even for the right password", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < PER_ACCOUNT; i++) {
    await attempt(page, E2E.auth.lockedEmail, `wrong-password-${i}`);
    await expect(page.locator(ALERT)).toHaveText("Wrong email or password.");
  }
  await attempt(page, E2E.auth.lockedEmail, E2E.auth.lockedPassword);
  await expect(page.locator(ALERT)).toHaveText("Too many sign-in attempts; try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login/);
});

test("someone typing wrong passwords for an email does not lock its owner out", async ({ browser }) => {
  // Without TRUST_PROXY a single-address X-Forwarded-For is taken as the client's: the
  // attacker and the owner each get an address of their own.
  const attackerContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.66" } });
  const attacker = await attackerContext.newPage();
  await attacker.goto("/login");
  for (let i = 0; i < PER_ACCOUNT; i++) {
    await attempt(attacker, E2E.auth.targetedEmail, `guess-${i}-wrong-password`);
    await expect(attacker.locator(ALERT)).toHaveText("Wrong email or password.");
  }
  // The attacker is refused from now on, even if a guess is right.
  await attempt(attacker, E2E.auth.targetedEmail, E2E.auth.targetedPassword);
  await expect(attacker.locator(ALERT)).toHaveText("Too many sign-in attempts; try again in 15 minutes.");
  await expect(attacker).toHaveURL(/\/login/);

  // The owner, at their own address, signs in with their password.
  const ownerContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.45" } });
  const owner = await ownerContext.newPage();
  await owner.goto("/login");
  await owner.getByLabel("Email").fill(E2E.auth.targetedEmail);
  await owner.getByLabel("Password").fill(E2E.auth.targetedPassword);
  await owner.getByRole("button", { name: "Sign in" }).click();
  await expect(owner).not.toHaveURL(/\/login/);
  await expect(owner.getByText(E2E.auth.targetedEmail)).toBeVisible();

  // And the attacker is still refused.
  await attempt(attacker, E2E.auth.targetedEmail, E2E.auth.targetedPassword);
  await expect(attacker.locator(ALERT)).toHaveText(/^Too many sign-in attempts; try again in \d+ minutes?\.$/);
  await Promise.all([attackerContext.close(), ownerContext.close()]);
});

test("an address trying many accounts is stopped", async ({ browser }) => {
  test.setTimeout(180_000); // 51 sign-ins, each a password hash
  // The e2e server trusts loopback as a proxy (e2e/serve.ts), so X-Forwarded-For gives
  // the test an address of its own.
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
