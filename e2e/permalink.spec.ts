import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;

test("a permalink to a row the filters leave out says so and offers the row unfiltered", async ({ page }) => {
  // The target is a SIM_STEP event; the filter shows only PARAMS_UPDATED.
  await page.goto(`/runs/${D.runId}?type=PARAMS_UPDATED&at=${D.targetEventId}`);
  const notice = page.getByRole("alert").filter({ hasText: "the filters leave it out" });
  await expect(notice).toContainText(D.targetEventId);
  await notice.getByRole("link", { name: "Show it without filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}\\?at=${D.targetEventId}`));
  await expect(page.locator(`tr#row-${D.targetEventId}`)).toHaveClass(/timeline-row-highlighted/);
  await expect(page.getByText("the filters leave it out")).toHaveCount(0);
});

test("an error sent without detail says so instead of showing null", async ({ page }) => {
  await page.goto(`/traces/${D.traceId}`);
  const bare = page.locator("#error-err_e2e_trace_3");
  await expect(bare).toContainText("No detail.");
  await expect(bare.getByText("Detail", { exact: true })).toHaveCount(0);
  await expect(page.locator("#error-err_e2e_trace_1").getByText("Detail", { exact: true })).toBeVisible();

  await page.goto(`/runs/${D.runId}?at=err_e2e_trace_3`);
  await expect(page.locator("tr#row-err_e2e_trace_3 + tr")).toContainText("No detail.");
});
