// The signed-in sessions the journeys share. e2e/sessions.setup.ts (the "setup" project,
// which every spec's project depends on) signs in through the real /login form once per role
// and saves the browser's storage state, its session cookie, to these files; a spec that
// merely needs a signed-in user starts its pages from one of them:
//
//   test.use({ storageState: SESSION.member });
//
// instead of typing a password (a password hash each, and the sign-in limits count them).
// A test that signs out, changes a password, or deactivates or resets its own user must not
// use them: that would end the session for every test after it. Such tests sign in through
// the form in a session of their own (signIn in a page without a saved session, or signInAs).
// e2e/sessions.teardown.ts checks at the end that both sessions are still signed in.
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";

export type Role = "admin" | "member";

// A folder per port, as the build's (e2e/serve.ts): runs on other ports have other databases.
const folder = fileURLToPath(new URL(`.auth/${process.env.E2E_PORT ?? 3210}/`, import.meta.url));

/** Where the setup project saves each role's signed-in storage state. */
export const SESSION: Record<Role, string> = { admin: `${folder}admin.json`, member: `${folder}member.json` };

/** No cookies at all: for a context that must not start signed in whatever the test's storageState. */
export const NO_SESSION: BrowserContextOptions["storageState"] = { cookies: [], origins: [] };

/**
 * A page in a browser context of its own, signed in with the role's saved session (a
 * second user or device next to the test's own page). Other options come from the test's.
 */
export async function signedInPage(browser: Browser, role: Role): Promise<Page> {
  return (await browser.newContext({ storageState: SESSION[role] })).newPage();
}
