import { createHmac } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { NO_SESSION, type Role } from "./sessions";

/** Our alerts, not Next.js's (empty) route announcer, which has the same role. */
export const ALERT = '[role="alert"]:not(#__next-route-announcer__)';

/** Submits the real /login form; whether it worked is the caller's to check. */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in as a fixture account through the real /login form, in a session of the page's
 * own. Only for the setup project and for tests about signing in or whose session ends;
 * a test that merely needs a signed-in user starts from the saved one (e2e/sessions.ts).
 */
export async function signIn(page: Page, as: Role = "admin"): Promise<void> {
  await submitSignIn(page, as === "admin" ? E2E.adminEmail : E2E.memberEmail, as === "admin" ? E2E.adminPassword : E2E.memberPassword);
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Tries to sign in as anyone, in a browser context of its own (a second device) that starts
 * with no session, whatever the test's storageState.
 */
export async function signInAs(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: NO_SESSION })).newPage();
  await submitSignIn(page, email, password);
  return page;
}

/** A session cookie signed as better-auth signs it (HMAC-SHA256 with e2e/serve.ts's AUTH_SECRET). */
export const signedSessionCookie = (token: string) =>
  `better-auth.session_token=${encodeURIComponent(`${token}.${createHmac("sha256", E2E.auth.secret).update(token).digest("base64")}`)}`;
