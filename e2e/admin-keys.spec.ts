// Ingest keys from the admin page: shown once, listed by prefix, bound to a project or
// not, and refused by ingestion (401) from the moment they are revoked.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";
import { ALERT } from "./sign-in";

// Signed in with the saved admin session (e2e/sessions.ts).
test.use({ storageState: SESSION.admin });

const event = (projectId: string) => ({ eventType: "ADMIN_KEYS_PROBE", projectId });

async function createKey(page: Page, name: string, projectId?: string): Promise<string> {
  await page.goto("/admin/keys");
  await page.getByLabel("Name").fill(name);
  if (projectId) await page.getByLabel(/Project/).fill(projectId);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByLabel("New ingest key").textContent())!.trim();
  expect(key).toMatch(/^ldk_[A-Za-z0-9]{43}$/);
  return key;
}

test("a key is shown once, listed by its prefix, works, and stops working when revoked", async ({ page }) => {
  const name = `e2e key ${Date.now()}`;
  const key = await createKey(page, name);

  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(12));
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("every project");
  await expect(row).toContainText("active");

  const ok = await page.request.post("/api/events", { data: event(E2E.project.id), headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(201);

  page.on("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await page.request.post("/api/events", { data: event(E2E.project.id), headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test("a key bound to a project writes there and nowhere else", async ({ page }) => {
  const key = await createKey(page, `e2e bound ${Date.now()}`, E2E.project.id);
  const headers = { authorization: `Bearer ${key}` };
  expect((await page.request.post("/api/events", { data: event(E2E.project.id), headers })).status()).toBe(201);
  const other = await page.request.post("/api/events", { data: event(E2E.auth.otherProjectId), headers });
  expect(other.status()).toBe(403);
  expect((await other.json()).error.code).toBe("forbidden");
});

test("a key needs a name", async ({ page }) => {
  await page.goto("/admin/keys");
  await page.getByLabel("Name").fill("   ");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.locator(ALERT)).toHaveText("Give the key a name.");
  await expect(page.getByLabel("New ingest key")).toHaveCount(0);
});
