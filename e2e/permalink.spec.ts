import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { signIn } from "./sign-in";

const D = E2E.dashboard;

test("a permalink to a row the filters leave out says so and offers the row unfiltered", async ({ page }) => {
  await signIn(page, "member");
  // The target is a SIM_STEP event; the filter shows only PARAMS_UPDATED.
  await page.goto(`/runs/${D.runId}?type=PARAMS_UPDATED&at=${D.targetEventId}`);
  const notice = page.getByRole("alert").filter({ hasText: "the filters leave it out" });
  await expect(notice).toContainText(D.targetEventId);
  await notice.getByRole("link", { name: "Show it without filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}\\?at=${D.targetEventId}`));
  await expect(page.locator(`tr#row-${D.targetEventId}`)).toHaveClass(/timeline-row-highlighted/);
  await expect(page.getByText("the filters leave it out")).toHaveCount(0);
});
