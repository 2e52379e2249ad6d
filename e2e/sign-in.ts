import { expect, type Page } from "@playwright/test";
import { E2E } from "./fixtures";

/** Signs in through the real /login form. */
export async function signIn(page: Page, as: "admin" | "member" = "admin"): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(as === "admin" ? E2E.adminEmail : E2E.memberEmail);
  await page.getByLabel("Password").fill(as === "admin" ? E2E.adminPassword : E2E.memberPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
