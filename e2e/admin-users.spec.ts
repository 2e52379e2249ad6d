// The users page: add (generated password shown once), change a role, deactivate (signed
// out at once) and reactivate; the last admin stays; a member replaying an admin's action
// changes nothing. Serial: the last-admin check needs to know who the admins are.
// The admin acts with the saved admin session (e2e/sessions.ts); the users added here sign
// in through the form, in sessions of their own: they are the ones deactivated and reset.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { NO_SESSION, SESSION, signedInPage } from "./sessions";
import { ALERT, signInAs as signInWith } from "./sign-in";

// Most journeys sign a new user in several times (scrypt: a second or more each on a loaded
// 2-core machine).
test.describe.configure({ mode: "serial", timeout: 90_000 });
test.use({ storageState: SESSION.admin });

const unique = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
const password = "a-user-password-for-e2e";

async function addUser(page: Page, { email, role = "member", withPassword = true }: { email: string; role?: "member" | "admin"; withPassword?: boolean }) {
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption(role);
  if (withPassword) await page.getByLabel(/Initial password/).fill(password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toContainText(`Added ${email}`);
}

/** Signs in as a user added here (default: with this file's password), in a context of its own. */
const signInAs = (browser: Browser, email: string, pass = password) => signInWith(browser, email, pass);

const row = (page: Page, email: string) => page.locator(`tr[data-email="${email}"]`);

test("the last active admin can be neither demoted nor deactivated", async ({ page }) => {
  await page.goto("/admin/users");
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Make ${E2E.adminEmail} a member` }).click();
  await expect(row(page, E2E.adminEmail).getByRole("alert")).toHaveText(/last active admin/);
  await page.getByRole("button", { name: `Deactivate ${E2E.adminEmail}` }).click();
  await expect(row(page, E2E.adminEmail).getByRole("alert")).toHaveText(/last active admin/);
  await page.reload();
  await expect(row(page, E2E.adminEmail)).toContainText("admin");
  await expect(row(page, E2E.adminEmail)).toContainText("active");
});

test("a generated password is shown once and works", async ({ page, browser }) => {
  const email = unique("generated");
  await addUser(page, { email, withPassword: false });
  const generated = (await page.getByLabel("Generated password").textContent())!.trim();
  expect(generated.length).toBeGreaterThanOrEqual(16);
  await page.reload();
  await expect(page.getByText(generated)).toHaveCount(0);
  await expect(row(page, email)).toContainText("member");

  const user = await signInAs(browser, email, generated);
  await expect(user).toHaveURL(/\/$/);
  await expect(user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
});

test("adding a user who already exists says so", async ({ page }) => {
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(E2E.memberEmail);
  await page.getByLabel(/Initial password/).fill(password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator(ALERT)).toHaveText("A user with that email address already exists.");
});

test("a member made admin gets the admin pages, and loses them when made member again", async ({ page, browser }) => {
  const email = unique("promoted");
  await addUser(page, { email });
  await page.getByRole("button", { name: `Make ${email} an admin` }).click();
  await expect(row(page, email).getByRole("button", { name: `Make ${email} a member` })).toBeVisible();

  const user = await signInAs(browser, email);
  await expect(user).toHaveURL(/\/$/);
  expect((await user.goto("/admin/keys"))?.status()).toBe(200);

  await page.getByRole("button", { name: `Make ${email} a member` }).click();
  await expect(row(page, email).getByRole("button", { name: `Make ${email} an admin` })).toBeVisible();
  await user.goto("/admin/keys");
  await expect(user.getByRole("heading", { name: "Admins only" })).toBeVisible();
});

test("deactivating signs the user out at once and stops sign-in; reactivating lets them back", async ({ page, browser }) => {
  const email = unique("deactivated");
  await addUser(page, { email });
  const user = await signInAs(browser, email);
  await expect(user).toHaveURL(/\/$/);

  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(row(page, email)).toContainText("deactivated");

  await user.goto(`/runs/${E2E.dashboard.runId}`);
  await expect(user).toHaveURL(/\/login/);
  const again = await signInAs(browser, email);
  await expect(again.locator(ALERT)).toHaveText("This account is deactivated. Ask an admin.");

  await page.getByRole("button", { name: `Reactivate ${email}` }).click();
  await expect(row(page, email)).toContainText("active");
  const back = await signInAs(browser, email);
  await expect(back).toHaveURL(/\/$/);
});

test("a member replaying an admin's server action changes nothing", async ({ page, browser }) => {
  const email = unique("target");
  await addUser(page, { email });

  // Capture the admin's "make admin" request, without letting it through.
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/admin/users", async (route) => {
    if (route.request().method() !== "POST" || captured) return route.continue();
    captured = { headers: route.request().headers(), body: route.request().postDataBuffer()! };
    await route.abort();
  });
  await page.getByRole("button", { name: `Make ${email} an admin` }).click();
  await expect.poll(() => captured).toBeDefined();

  const member = await signedInPage(browser, "member");
  // Signed in indeed: better-auth's own session endpoint knows the member.
  expect((await (await member.request.get("/api/auth/get-session")).json())?.user?.email).toBe(E2E.memberEmail);
  const replayHeaders = { "next-action": captured!.headers["next-action"]!, "content-type": captured!.headers["content-type"]!, accept: "text/x-component" };
  const response = await member.request.post("/admin/users", { headers: replayHeaders, data: captured!.body, maxRedirects: 0 });
  expect(response.status()).not.toBe(500);
  const anonymous = await (await browser.newContext({ storageState: NO_SESSION })).request.post("/admin/users", { headers: replayHeaders, data: captured!.body, maxRedirects: 0 });
  expect([303, 307, 308]).toContain(anonymous.status());

  await page.unroute("**/admin/users");
  await page.reload();
  await expect(row(page, email).getByRole("button", { name: `Make ${email} an admin` })).toBeVisible();
});

test("resetting a password shows the new one once, signs the user out and retires the old one", async ({ page, browser }) => {
  const email = unique("reset");
  await addUser(page, { email });
  const user = await signInAs(browser, email);
  await expect(user).toHaveURL(/\/$/);

  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Reset the password of ${email}` }).click();
  const generated = (await row(page, email).getByLabel(`New password of ${email}`).textContent())!.trim();
  expect(generated.length).toBeGreaterThanOrEqual(16);
  await page.reload();
  await expect(page.getByText(generated)).toHaveCount(0);
  // The admin's own row offers no reset: their password changes on /account.
  await expect(page.getByRole("button", { name: `Reset the password of ${E2E.adminEmail}` })).toHaveCount(0);

  await user.goto(`/runs/${E2E.dashboard.runId}`);
  await expect(user).toHaveURL(/\/login/);
  const withOld = await signInAs(browser, email);
  await expect(withOld.locator(ALERT)).toHaveText("Wrong email or password.");
  const withNew = await signInAs(browser, email, generated);
  await expect(withNew).toHaveURL(/\/$/);
});
