// The custom time range (explore, errors, runs) in the viewer's own zone: what the fields
// show, what Set range puts in the URL, and fields that follow the range the URL names.
import { expect, test, type Page } from "@playwright/test";
import { SESSION } from "./sessions";

test.use({ storageState: SESSION.member });

const field = (page: Page, name: "From" | "To") => page.getByRole("textbox", { name, exact: true });
const rangeOf = (page: Page) => {
  const url = new URL(page.url());
  return { from: url.searchParams.get("from"), to: url.searchParams.get("to") };
};

test.describe("in Kathmandu (UTC+05:45)", () => {
  test.use({ timezoneId: "Asia/Kathmandu" });

  test("the fields show the range to the second in local time; unchanged, Set range keeps it to the millisecond; an edit is read as local", async ({ page }) => {
    await page.goto("/explore?from=2026-11-01T06:30:45.500Z&to=2026-11-02T06:30:00.000Z");
    await expect(field(page, "From")).toHaveValue("2026-11-01T12:15:45");
    // A datetime-local field leaves out seconds that are zero.
    await expect(field(page, "To")).toHaveValue("2026-11-02T12:15");
    await page.getByRole("button", { name: "Set range" }).click();
    await page.waitForURL((url) => url.searchParams.has("from"));
    expect(rangeOf(page)).toEqual({ from: "2026-11-01T06:30:45.500Z", to: "2026-11-02T06:30:00.000Z" });

    await field(page, "To").fill("2026-11-01T18:00");
    await page.getByRole("button", { name: "Set range" }).click();
    await expect.poll(() => rangeOf(page)).toEqual({ from: "2026-11-01T06:30:45.500Z", to: "2026-11-01T12:15:00.000Z" });
    await expect(field(page, "To")).toHaveValue("2026-11-01T18:00");
  });

  test("choosing a preset refills the fields with its range", async ({ page }) => {
    await page.goto("/explore?range=1h");
    const localDate = (daysAgo: number) =>
      page.evaluate((days) => {
        const d = new Date(Date.now() - days * 86_400_000);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      }, daysAgo);
    await expect(field(page, "From")).toHaveValue(new RegExp(`^${await localDate(1 / 24)}T`));
    await page.getByRole("link", { name: "7 d", exact: true }).click();
    await page.waitForURL(/range=7d/);
    await expect(field(page, "From")).toHaveValue(new RegExp(`^${await localDate(7)}T`));
  });
});

test.describe("in New York on the night DST ends", () => {
  test.use({ timezoneId: "America/New_York" });

  test("a range starting in the repeated hour keeps its instant, not the hour's first pass", async ({ page }) => {
    // 06:30Z is 01:30 EST, the second 01:30 of 2026-11-01 (05:30Z was 01:30 EDT).
    await page.goto("/explore?from=2026-11-01T06:30:00.000Z&to=2026-11-01T08:00:00.000Z");
    await expect(field(page, "From")).toHaveValue("2026-11-01T01:30");
    await page.getByRole("button", { name: "Set range" }).click();
    await page.waitForURL((url) => url.searchParams.has("from"));
    expect(rangeOf(page)).toEqual({ from: "2026-11-01T06:30:00.000Z", to: "2026-11-01T08:00:00.000Z" });
  });
});

test("a range the URL gets wrong is named above the rows, which are the default 24 h's, and export refuses it", async ({ page }) => {
  await page.goto("/explore?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z");
  await expect(page.getByRole("alert").filter({ hasText: "The time range in the URL was not used" })).toHaveText(
    "The time range in the URL was not used: from must be before to. Showing the last 24 h instead.",
  );
  await expect(page.getByRole("link", { name: "24 h", exact: true })).toHaveAttribute("aria-current", "page");
  const exported = await page.request.get("/api/explore/export?range=bogus");
  expect(exported.status()).toBe(400);
  expect((await exported.json()).error.message).toBe('range is one of 15m, 1h, 24h, 7d, 30d, all; got "bogus".');
});
