// The first hour of a new user (#12 items 2–10, #11.11): live mode on a busy run, runs
// emptied by retention, the pager below the table, filters that apply on change, row
// permalinks that copy, the trace page's events and projects, idle runs, project renames,
// one date format.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { FH } from "./load-first-hour-fixtures";
import { SESSION, signedInPage } from "./sessions";

// Signed in with the saved member session (e2e/sessions.ts); the admin's journeys with the admin's.
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const rows = (page: Page) => page.locator("tr.timeline-row");

test("live mode on a busy run counts only what arrives, and shows nothing twice (#12.2)", async ({ page, request }) => {
  await page.goto(`/runs/${FH.busyRunId}`);
  await expect(rows(page)).toHaveCount(100);
  const live = page.getByRole("status").filter({ hasText: /Checking for new rows/ });
  await expect(live).toBeVisible();
  // Two polls with nothing sent: nothing new (the window holds 150 rows, 50 below page 1).
  const polled = page.waitForResponse((r) => r.url().includes(`/runs/${FH.busyRunId}/live`));
  await polled;
  await page.waitForTimeout(5_500);
  await expect(live).toHaveText("Checking for new rows every 5 s");
  await expect(rows(page)).toHaveCount(100);
  const id = `ev_e2e_fh_live_${Date.now()}`;
  const sent = await request.post("/api/events", { headers: { Authorization: `Bearer ${E2E.ingestKey}` }, data: { id, eventType: "LIVE_PROBE", runId: FH.busyRunId, projectId: E2E.project.id } });
  expect(sent.status()).toBe(201);
  await expect(live).toContainText("· 1 new", { timeout: 15_000 });
  await expect(rows(page)).toHaveCount(101);
  await expect(rows(page).first()).toHaveAttribute("id", `row-${id}`);
  // Each row once.
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test("a run whose rows retention removed says so; a run that never logged still shows how to send a first event (#12.3)", async ({ page }) => {
  await page.goto(`/runs/${FH.retainedRunId}`);
  const notice = page.getByRole("status").filter({ hasText: "no longer stored" });
  await expect(notice).toContainText("This run's events and errors are no longer stored: the retention policy removed them.");
  await expect(notice).toContainText("Events are kept 30 days and errors 90 days");
  await expect(notice.locator("time")).toHaveCount(3);
  await expect(page.getByText("Nothing logged here yet.")).toHaveCount(0);

  await page.goto(`/runs/${FH.silentRunId}`);
  await expect(page.getByText("Nothing logged here yet.")).toBeVisible();
  await expect(page.getByText("no longer stored")).toHaveCount(0);
});

test("the pager sits above and below the table, with 'Start of the run' at the bottom (#12.7)", async ({ page }) => {
  await page.goto(`/runs/${D.runId}`);
  const bottom = page.getByRole("navigation", { name: "Pages, below the table" });
  const table = page.locator("table.timeline");
  await expect(bottom.getByRole("link", { name: "Older →" })).toBeVisible();
  expect((await bottom.boundingBox())!.y).toBeGreaterThan((await table.boundingBox())!.y + (await table.boundingBox())!.height);
  await expect(page.getByText("Start of the run")).toHaveCount(0);
  await bottom.getByRole("link", { name: "Older →" }).click();
  await expect(rows(page)).toHaveCount(53);
  await expect(bottom.getByText("Start of the run")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages", exact: true }).getByText("Start of the run")).toHaveCount(0);
  await expect(bottom.getByRole("link", { name: "← Newer" })).toBeVisible();
});

test("a row's # copies its link, says so, and opens it (#12.8)", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/runs/${D.runId}`);
  const row = rows(page).nth(3);
  const rowId = (await row.getAttribute("id"))!.slice("row-".length);
  await row.getByRole("link", { name: /^Permalink to/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}\\?at=${rowId}#row-${rowId}$`));
  await expect(page.locator(`tr#row-${rowId}`)).toHaveClass(/timeline-row-highlighted/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/runs/${D.runId}?at=${rowId}#row-${rowId}`);
});

test("the trace page shows each event's payload, pages through the run, and names every error's project (#12.9, #11.11)", async ({ page }) => {
  await page.goto(`/traces/${D.traceId}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(E2E.project.name);
  await expect(page.locator("#error-err_e2e_trace_1").getByRole("link", { name: `Project ${E2E.project.name}` })).toBeVisible();
  const section = page.getByRole("region", { name: `Events around the errors in run ${D.runName}` });
  // A line shows its payload on one line, and opens to all of it.
  const line = section.locator("li").filter({ hasText: '{"step": 110}' });
  await expect(line).toHaveCount(1);
  await line.locator("summary").click();
  await expect(line.locator("pre")).toHaveText('{\n  "step": 110\n}');
  // Earlier events, a page at a time (100), back to the run's start: events 1–100, then 0.
  await section.getByRole("link", { name: "← Earlier events" }).first().click();
  await expect(page).toHaveURL(/[?&]page=/);
  await expect(section.locator("li").filter({ hasText: '{"step": 1}' })).toHaveCount(1);
  await expect(section.locator("li")).toHaveCount(100);
  await section.getByRole("link", { name: "← Earlier events" }).first().click();
  await expect(section.locator("li").filter({ hasText: "SIM_STARTED" })).toHaveCount(1);
  await expect(section.getByText("Start of the run").first()).toBeVisible();

  // A trace that another project's error joined says so, and each error names its project.
  await page.goto(`/traces/${FH.crossTraceId}`);
  await expect(page.getByRole("note")).toHaveText(`This trace holds errors from 2 projects (${E2E.project.name}, ${FH.otherProject.name}): each error names its project.`);
  await expect(page.locator("#error-err_e2e_fh_cross_2").getByRole("link", { name: `Project ${FH.otherProject.name}` })).toBeVisible();
});

test("a running run with nothing logged for RUN_IDLE_MINUTES shows as idle (#12.6)", async ({ page }) => {
  await page.goto(`/runs/${FH.idleRunId}`);
  await expect(page.getByRole("main").getByText("idle", { exact: true })).toBeVisible();
  await expect(page.getByText("nothing logged for over 30 min")).toBeVisible();
  await page.goto(`/projects/${E2E.project.id}/runs`);
  // The Status cell (Run, Status, Started, Duration).
  await expect(page.getByRole("row").filter({ hasText: "e2e idle run" }).getByRole("cell").nth(1)).toHaveText("idle");
  await expect(page.getByRole("row").filter({ hasText: "e2e busy run" }).getByRole("cell").nth(1)).toHaveText("running");
});

test.describe(() => {
  test.use({ storageState: SESSION.admin });

  test("an admin renames a project; a member is not offered to (#12.6)", async ({ page, browser }) => {
    await page.goto(`/projects/${FH.renameProject.id}/runs`);
    await page.getByRole("button", { name: "Rename project" }).click();
    await page.getByLabel("Project name").fill("E2E Renamed Project");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Renamed to" })).toHaveText("Renamed to “E2E Renamed Project”.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("E2E Renamed Project");

    const member = await signedInPage(browser, "member");
    await member.goto(`/projects/${FH.renameProject.id}/runs`);
    await expect(member.getByRole("heading", { level: 1 })).toContainText("E2E Renamed Project");
    await expect(member.getByRole("button", { name: "Rename project" })).toHaveCount(0);
  });
});

test.describe("in a viewer's own time zone", () => {
  test.use({ timezoneId: "Asia/Kathmandu", locale: "en-US" });

  test.describe(() => {
    test.use({ storageState: SESSION.admin });

    test("admin tables show times in the app's one format: local, UTC on hover (#12.10)", async ({ page }) => {
      for (const path of ["/admin/keys", "/admin/users"]) {
        await page.goto(path);
        const time = page.getByRole("table").locator("time").first();
        const iso = (await time.getAttribute("dateTime"))!;
        await expect(time).toHaveAttribute("title", `${iso} (UTC)`);
        const local = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Kathmandu", year: "numeric", month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3, hourCycle: "h23" }).format(new Date(iso));
        await expect(time, path).toHaveText(local);
      }
    });
  });

  test("a time just after the viewer's midnight reads 00:05, not 24:05", async ({ page }) => {
    // 18:20 UTC is 00:05 in Kathmandu; en-US with hour12: false gave "24:05" in some engines.
    const runId = `run_midnight_${Date.now().toString(36)}`;
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const posted = await page.request.post("/api/events", {
      headers: { Authorization: `Bearer ${E2E.ingestKey}` },
      data: { eventType: "SIM_STARTED", runId, projectId: E2E.project.id, createdAt: `${day}T18:20:00.700Z` },
    });
    expect(posted.status()).toBe(201);
    await page.goto(`/runs/${runId}`);
    const time = page.getByRole("table").locator("time").first();
    await expect(time).toContainText("00:05:00.700");
    await expect(time).not.toContainText("24:05");
  });
});
