import { expect, test } from "@playwright/test";
import { E2E } from "./fixtures";

test("the home page lists the seeded projects and recent runs", async ({ page }) => {
  await page.goto("/");
  const projects = page.getByRole("region", { name: "Projects" });
  await expect(projects.getByRole("link", { name: E2E.project.name })).toBeVisible();
  await expect(projects.getByRole("link", { name: "Atlas Flood Model" })).toBeVisible();
  const runs = page.getByRole("region", { name: "Recent runs" });
  await expect(runs.getByRole("row")).not.toHaveCount(1);
});
