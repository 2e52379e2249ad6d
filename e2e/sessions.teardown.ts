// After every spec: the shared sessions (e2e/sessions.ts) are still signed in. If one is
// not, a test signed it out, or changed, reset or deactivated a shared user, and the tests
// after it may have failed for that: such a test needs a session of its own.
import { expect, test as teardown } from "@playwright/test";
import { E2E } from "./fixtures";
import { signedInPage } from "./sessions";

const EMAIL = { admin: E2E.adminEmail, member: E2E.memberEmail } as const;

for (const role of ["admin", "member"] as const) {
  teardown(`the shared ${role} session is still signed in`, async ({ browser }) => {
    const page = await signedInPage(browser, role);
    await page.goto("/account");
    await expect(page, `a test ended the shared ${role} session: give it a session of its own (e2e/sessions.ts)`).toHaveURL(/\/account$/);
    await expect(page.getByRole("banner").getByRole("link", { name: EMAIL[role] })).toBeVisible();
  });
}
