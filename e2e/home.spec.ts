import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

test.describe(() => {
  test.use({ storageState: SESSION.member });

  test("the home page lists the seeded projects and recent runs", async ({ page }) => {
    await page.goto("/");
    const projects = page.getByRole("region", { name: "Projects" });
    await expect(projects.getByRole("link", { name: E2E.project.name })).toBeVisible();
    await expect(projects.getByRole("link", { name: "Atlas Flood Model" })).toBeVisible();
    const runs = page.getByRole("region", { name: "Recent runs" });
    await expect(runs.getByRole("row")).not.toHaveCount(1);
    // An icon of its own, so the browser does not ask for a /favicon.ico that is not there.
    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await page.request.get(icon!)).status()).toBe(200);
  });
});

// Its subject is signing in: no saved session, the real form.
test("a visitor without a session is sent to /login and back after signing in", async ({ page }) => {
  await page.goto(`/projects/${E2E.project.id}/errors`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Email").fill(E2E.memberEmail);
  await page.getByLabel("Password").fill("wrong-password-000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(E2E.memberPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${E2E.project.id}/errors`));
});
