// The "setup" project: signs in once per role through the real /login form and saves the
// session for the specs to share (e2e/sessions.ts).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";
import { signIn } from "./sign-in";

const EMAIL = { admin: E2E.adminEmail, member: E2E.memberEmail } as const;

for (const role of ["admin", "member"] as const) {
  setup(`sign in as ${role} through the form and save the session`, async ({ page }) => {
    await signIn(page, role);
    // Signed in as whom it should be, with that role's links.
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: EMAIL[role] })).toBeVisible();
    await expect(header.getByRole("link", { name: "Users" })).toHaveCount(role === "admin" ? 1 : 0);
    mkdirSync(path.dirname(SESSION[role]), { recursive: true });
    await page.context().storageState({ path: SESSION[role] });
  });
}
