// Dark mode (docs/ui.md): every page follows the system setting, and in both themes its
// text — body text, badges, code blocks, chart labels — keeps WCAG AA contrast (4.5:1)
// against what it is drawn on. The header's switch overrides the system and is remembered.
import { expect, test, type Page } from "@playwright/test";
import { backgroundLuminance, findLowContrast } from "./contrast";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

const D = E2E.dashboard;
const AA = 4.5;

async function expectTheme(page: Page, theme: "light" | "dark") {
  await expect(page.locator("html")).toHaveClass(new RegExp(`(^|\\s)${theme}(\\s|$)`));
  const luminance = await backgroundLuminance(page.locator("body"));
  // The page itself is near white in light and near black in dark, not merely "some colour".
  if (theme === "dark") expect(luminance).toBeLessThan(0.02);
  else expect(luminance).toBeGreaterThan(0.9);
}

async function expectLegible(page: Page, what: string) {
  expect(await findLowContrast(page, AA), what).toEqual([]);
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`with the system in ${theme} mode`, () => {
    test.use({ colorScheme: theme });

    test("the sign-in page follows it and is legible", async ({ page }) => {
      await page.goto("/login");
      await expectTheme(page, theme);
      await page.getByLabel("Email").fill("someone@e2e.test");
      await page.getByLabel("Password").fill("not-the-password-1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("form").getByRole("alert")).toBeVisible();
      await expectLegible(page, "/login with an error");
    });

    test.describe(() => {
      test.use({ storageState: SESSION.admin });

      test("every signed-in page follows it, and its text, badges and code blocks are legible", async ({ page }) => {
        test.setTimeout(120_000);
        const pages = [
          "/",
          `/projects/${E2E.project.id}/runs`,
          `/projects/${E2E.project.id}/errors`,
          `/traces/${D.traceId}`,
          "/go?q=no-such-id-anywhere",
          "/account",
          "/admin/users",
          "/admin/keys",
          "/admin/retention",
          "/runs/no-such-run",
        ];
        for (const path of pages) {
          await page.goto(path);
          await expectTheme(page, theme);
          await expectLegible(page, path);
        }

        // Badges: a run's status, the timeline's severities and its error markers. The
        // dashboard run is "running" with nothing logged for hours (its rows are loaded, not
        // ingested), so it shows as idle (RUN_IDLE_MINUTES).
        await page.goto(`/runs/${D.runId}`);
        await expectTheme(page, theme);
        const badges = [page.locator("h1 ~ span").filter({ hasText: /^idle$/ }), page.locator(".timeline-kind-error").first(), page.locator(".timeline-cell-who span").filter({ hasText: /^critical$/ }).first(), page.locator(".timeline-cell-who span").filter({ hasText: /^warning$/ }).first()];
        for (const badge of badges) {
          await expect(badge).toBeVisible();
          expect(await findLowContrast(page, AA, badge), `${badge}`).toEqual([]);
        }
        // A code block: an opened error's stack trace and detail.
        await page.locator("#row-err_e2e_trace_1").getByRole("button", { name: /^Expand/ }).click();
        const code = page.locator("pre.code-block").first();
        await expect(code).toBeVisible();
        expect(await findLowContrast(page, AA, code)).toEqual([]);
        // Code stays a dark block in both themes, set off from the card it sits on.
        expect(await backgroundLuminance(code)).toBeLessThan(0.02);
        await expectLegible(page, "the run timeline with a row open");
      });
    });
  });
}

test.describe("the header's theme switch", () => {
  test.use({ colorScheme: "light", storageState: SESSION.member });

  test("overrides the system, is remembered across reloads and pages, and System follows the device again", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/");
    const theme = page.getByRole("banner").getByRole("combobox", { name: "Theme" });
    await expect(theme).toHaveValue("system");
    await expectTheme(page, "light");

    await theme.selectOption("dark");
    await expectTheme(page, "dark");
    await page.reload();
    await expectTheme(page, "dark");
    await expect(page.getByRole("banner").getByRole("combobox", { name: "Theme" })).toHaveValue("dark");
    await page.goto(`/projects/${E2E.project.id}/errors`);
    await expectTheme(page, "dark");

    // Light, while the device says dark.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("banner").getByRole("combobox", { name: "Theme" }).selectOption("light");
    await page.reload();
    await expectTheme(page, "light");

    // Back to System: it follows the device, and a change of the device's setting, at once.
    await page.getByRole("banner").getByRole("combobox", { name: "Theme" }).selectOption("system");
    await expectTheme(page, "dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expectTheme(page, "light");
  });

  test("the remembered theme is on the page before it is first painted (no flash of the other one)", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("banner").getByRole("combobox", { name: "Theme" }).selectOption("dark");
    // Records <html>'s class when the page's content first appears, before any paint of it
    // and before React has hydrated.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstContentClass?: string };
      new MutationObserver((_, observer) => {
        if (!document.querySelector("header")) return;
        w.__firstContentClass = document.documentElement.className;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`/runs/${D.runId}`);
    expect(await page.evaluate(() => (window as unknown as { __firstContentClass?: string }).__firstContentClass)).toMatch(/(^|\s)dark(\s|$)/);
  });
});
