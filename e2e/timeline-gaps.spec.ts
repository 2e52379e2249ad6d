import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts).
test.use({ storageState: SESSION.member });

// A pause that falls between two pages is marked on both: below the last row of the page
// above it, and above the first row of the page below.
test("a long pause across a page boundary is marked on both pages", async ({ page }) => {
  const run = `run_pause_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const start = Date.now() - 2 * 3_600_000;
  // One early event, then 30 minutes of nothing, then 100 events a second apart: newest
  // first, the 100 fill the first page and the early one is alone on the second.
  const events = [
    { id: `${run}-early`, eventType: "SIM_STARTED", createdAt: new Date(start).toISOString() },
    ...Array.from({ length: 100 }, (_, i) => ({ id: `${run}-${String(i).padStart(3, "0")}`, eventType: "SIM_STEP", createdAt: new Date(start + 30 * 60_000 + i * 1_000).toISOString() })),
  ].map((e) => ({ ...e, projectId: E2E.project.id, runId: run }));
  const stored = await page.request.post("/api/events", { headers: { Authorization: `Bearer ${E2E.ingestKey}` }, data: { events } });
  expect(stored.status()).toBe(201);

  await page.goto(`/runs/${run}`);
  await expect(page.locator("tr.timeline-row")).toHaveCount(100);
  const gaps = page.getByRole("row", { name: "gap", exact: true });
  await expect(gaps).toHaveCount(1);
  await expect(gaps).toContainText("30 min with nothing logged before the next page");
  await expect(page.locator("tbody tr").last()).toHaveAttribute("aria-label", "gap");

  await page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name: "Older →" }).click();
  await expect(page.locator("tr.timeline-row")).toHaveCount(1);
  await expect(gaps).toHaveCount(1);
  await expect(gaps).toContainText("30 min with nothing logged");
  await expect(page.locator("tbody tr").first()).toHaveAttribute("aria-label", "gap");

  // Back to the newer page by its cursor: the same mark below its last row.
  await page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name: "← Newer" }).click();
  await expect(page.locator("tr.timeline-row")).toHaveCount(100);
  await expect(page.locator("tbody tr").last()).toHaveAttribute("aria-label", "gap");
});
