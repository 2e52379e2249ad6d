import { createHmac } from "node:crypto";
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

/** A session cookie signed as better-auth signs it (HMAC-SHA256 with e2e/serve.ts's AUTH_SECRET). */
export const signedSessionCookie = (token: string) =>
  `better-auth.session_token=${encodeURIComponent(`${token}.${createHmac("sha256", E2E.auth.secret).update(token).digest("base64")}`)}`;
