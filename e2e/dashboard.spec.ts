import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { HOSTILE } from "./load-dashboard-fixtures";
import { NO_SESSION, SESSION } from "./sessions";
import { signIn } from "./sign-in";

// Signed in with the saved member session (e2e/sessions.ts), but for the sign-out test.
test.use({ storageState: SESSION.member });

const D = E2E.dashboard;
const rows = (page: Page) => page.locator("tr.timeline-row");

test("a developer opens a run, pages back, filters and opens a row's permalink", async ({ page }) => {
  await page.goto(`/runs/${D.runId}`);
  await expect(page.getByRole("heading", { name: D.runName })).toBeVisible();
  await expect(rows(page)).toHaveCount(100);
  // Newest first; the 20-minute silence is marked.
  await expect(rows(page).first()).toHaveAttribute("id", "row-ev_e2e_149");
  await expect(page.getByText(/with nothing logged/)).toBeVisible();

  await page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows(page)).toHaveCount(53);
  await expect(page.locator(`#row-${D.targetEventId}`)).toBeVisible();
  await expect(page.getByText("Start of the run")).toBeVisible();
  await page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name: "← Newer" }).click();
  await expect(rows(page)).toHaveCount(100);
  await expect(rows(page).first()).toHaveAttribute("id", "row-ev_e2e_149");

  // A select applies as soon as it changes.
  await page.getByRole("combobox", { name: /^Actor/ }).selectOption("user");
  await expect(page).toHaveURL(/actor=user/);
  await expect(rows(page)).toHaveCount(15);
  await expect(rows(page).filter({ hasText: "SIM_STEP" })).toHaveCount(0);
  await expect(rows(page).filter({ hasText: "error" })).toHaveCount(0);

  // Keyboard: Tab to a row's toggle and open it with Enter.
  await rows(page).first().getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText('"field": "rainfall"').first()).toBeVisible();

  await page.goto(`/runs/${D.runId}?at=${D.targetEventId}`);
  const target = page.locator(`#row-${D.targetEventId}`);
  await expect(target).toBeVisible();
  await expect(target).toHaveClass(/timeline-row-highlighted/);
  await expect(target).toBeInViewport();
  await expect(page.locator(`#row-${D.targetEventId} + tr`)).toContainText('"step": 20');
});

test("oldest first and export follow the same run", async ({ page }) => {
  await page.goto(`/runs/${D.runId}?order=asc`);
  await expect(rows(page).first()).toHaveAttribute("id", "row-ev_e2e_000");
  const csv = await page.request.get(`/api/runs/${D.runId}/export?format=csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("kind,id,created_at,type,actor_type,actor_id,user_id,severity,message,endpoint,trace_id,stack,data");
  expect(lines.filter((l) => /^(event|error),/.test(l))).toHaveLength(153);
  const ndjson = await page.request.get(`/api/runs/${D.runId}/export?format=ndjson&kind=error`);
  expect((await ndjson.text()).trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(["err_e2e_trace_3", "err_e2e_trace_2", "err_e2e_trace_1"]);
  // A repeated parameter means its first value, as on every page.
  const twice = await page.request.get(`/api/runs/${D.runId}/export?format=json&format=csv&kind=error&kind=event`);
  expect(twice.headers()["content-type"]).toContain("application/json");
  expect(((await twice.json()) as { kind: string }[]).every((r) => r.kind === "error")).toBe(true);
  const anonymous = await page.request.get(`/api/runs/${D.runId}/export?format=csv`, { headers: { cookie: "" }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
});

test("a hostile payload is shown as text and never runs", async ({ page }) => {
  await page.goto(`/runs/${D.runId}?at=${D.hostileEventId}`);
  const detail = page.locator(`tr#row-${D.hostileEventId} + tr`);
  await expect(detail).toContainText(HOSTILE.script);
  await expect(detail).toContainText("<img src=x onerror=");
  await expect(detail.locator("img, script")).toHaveCount(0);
  await expect(detail.getByRole("link", { name: HOSTILE.docs })).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(page.locator('a[href^="javascript:"], a[href^="data:"]')).toHaveCount(0);

  await page.goto(`/traces/${D.traceId}`);
  await expect(page.getByText(HOSTILE.script).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('a[href^="javascript:"], a[href^="data:"]')).toHaveCount(0);
});

test("support pastes a messy traceId into the go-to box and sees the trace", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("banner").getByRole("textbox", { name: /Go to/ });
  // "/" focuses the box once the page is interactive.
  await expect(async () => {
    await page.locator("body").press("/");
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass();
  await box.fill(`  "{${D.traceId.toUpperCase()}}"  `);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/traces/${D.traceId}$`));
  await expect(page.getByRole("article")).toHaveCount(3);
  await expect(page.getByText("at step (engine/solver.ts:42:7)")).toBeVisible();
  await expect(page.getByText("/api/engine/step")).toBeVisible();
  const around = page.getByRole("region", { name: /Events around the errors/ });
  await expect(around.getByText("SIM_STEP").first()).toBeVisible();
  await around.getByRole("link", { name: "in timeline" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/runs/${D.runId}\\?at=`));

  await page.getByRole("banner").getByRole("textbox", { name: /Go to/ }).fill("no-such-id-anywhere");
  await page.getByRole("banner").getByRole("button", { name: "Go" }).click();
  // Not an id: the explorer opens with the text as its query (#13).
  await expect(page).toHaveURL(/\/explore\?q=no-such-id-anywhere$/);
  await expect(page.getByLabel("Query")).toHaveValue("no-such-id-anywhere");
});

test("the 24-hour view includes a 23-hour-old error and leaves out a 25-hour-old one", async ({ page }) => {
  await page.goto(`/projects/${E2E.project.id}/errors`);
  const list = page.getByRole("table", { name: "Errors" });
  await expect(list.getByText("E2E error from 23 hours ago")).toBeVisible();
  await expect(list.getByText("E2E error from 25 hours ago")).toHaveCount(0);
  await expect(page.getByRole("img", { name: /Errors per hour by severity/ })).toBeVisible();
  await page.getByRole("link", { name: "Last 7 d" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(list.getByText("E2E error from 25 hours ago")).toBeVisible();
  await page.getByRole("combobox", { name: /^Severity/ }).selectOption("critical");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(list.getByText("Solver diverged at step 120")).toBeVisible();
  await expect(list.getByText("E2E error from 23 hours ago")).toHaveCount(0);
});

test("a developer opens one error group, keeps it across window and filters, and goes back to all groups", async ({ page }) => {
  await page.goto(`/projects/${E2E.project.id}/errors`);
  const groups = page.getByRole("table", { name: "Error groups" });
  const list = page.getByRole("table", { name: "Errors" });
  const selected = page.getByRole("region", { name: "Selected group" });
  await expect(list.getByText("E2E error from 23 hours ago")).toBeVisible();
  await expect(selected).toHaveCount(0);
  // Each group's trend is drawn (uPlot's canvas), labelled for screen readers.
  const trend = groups.getByRole("img", { name: /errors, per hour$/ }).first();
  await expect(trend.locator("canvas")).toBeVisible();

  await groups.getByRole("link", { name: D.group.pattern }).click();
  await expect(page).toHaveURL(/[?&]group=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(&|$)/);
  await expect(selected).toContainText(`Showing one group: ${D.group.errorType} ${D.group.pattern}`);
  // The groups, the list and the total hold that group only.
  await expect(groups.locator("tbody tr")).toHaveCount(1);
  await expect(list.locator("tbody tr")).toHaveCount(2);
  for (const message of D.group.messages) await expect(list.getByText(message)).toBeVisible();
  await expect(list.getByText("E2E error from 23 hours ago")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "in the last" })).toHaveText("2 errors in the last 24 h");

  // The window switch and the filter form keep the group.
  await page.getByRole("link", { name: "Last 7 d" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(page).toHaveURL(/group=/);
  await expect(list.getByText("E2E error from 25 hours ago")).toHaveCount(0);
  await expect(list.locator("tbody tr")).toHaveCount(2);
  await page.getByRole("combobox", { name: /^Severity/ }).selectOption("warning");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/severity=warning/);
  await expect(page).toHaveURL(/group=/);
  await expect(selected).toContainText(D.group.pattern);
  await expect(list.locator("tbody tr")).toHaveCount(1);
  await expect(list.getByText(D.group.messages[1])).toBeVisible();

  // Back to all groups: the window and the severity stay.
  await selected.getByRole("link", { name: "Show all groups" }).click();
  await expect(page).not.toHaveURL(/group=/);
  await expect(page).toHaveURL(/window=7d&severity=warning/);
  await expect(selected).toHaveCount(0);
  await expect(list.getByText("Retry failed")).toBeVisible();

  // The count opens the group too; "Clear filters" clears it with the rest.
  await groups.locator("tbody tr").filter({ hasText: D.group.pattern }).getByRole("link", { name: /of this group/ }).click();
  await expect(selected).toContainText(D.group.pattern);
  await expect(list.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${E2E.project.id}/errors\\?window=7d$`));
  await expect(selected).toHaveCount(0);
  await expect(list.getByText("E2E error from 25 hours ago")).toBeVisible();
});

test("unknown ids are a real 404", async ({ page }) => {
  for (const path of ["/runs/no_such_run", "/traces/00000000-0000-4000-8000-000000000000", "/projects/no_such_project/errors"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("live mode shows a new event of a running run without a reload", async ({ page, request }) => {
  await page.goto(`/runs/${D.liveRunId}`);
  await expect(page.getByRole("button", { name: /Live: on/ })).toBeVisible();
  const id = `ev_e2e_live_${Date.now()}`;
  const response = await request.post("/api/events", {
    headers: { Authorization: `Bearer ${E2E.ingestKey}` },
    data: { id, eventType: "LIVE_PROBE", runId: D.liveRunId, projectId: E2E.project.id, payload: { note: "arrived while watching" } },
  });
  expect(response.status()).toBe(201);
  await expect(page.locator(`#row-${id}`)).toBeVisible({ timeout: 15_000 });
  await expect(rows(page).first()).toHaveAttribute("id", `row-${id}`);
});

test("live mode shows an event delivered late in its sorted place without a reload", async ({ page, request }) => {
  const post = async (id: string, createdAt?: number) => {
    const response = await request.post("/api/events", {
      headers: { Authorization: `Bearer ${E2E.ingestKey}` },
      data: { id, eventType: "LIVE_PROBE", runId: D.lateRunId, projectId: E2E.project.id, ...(createdAt ? { createdAt: new Date(createdAt).toISOString() } : {}) },
    });
    expect(response.status(), id).toBe(201);
  };
  const stamp = Date.now();
  const newestShown = stamp - 1_000;
  await post(`ev_e2e_before_${stamp}`, newestShown - 60_000);
  await post(`ev_e2e_anchor_${stamp}`, newestShown);
  await page.goto(`/runs/${D.lateRunId}`);
  await expect(page.getByRole("button", { name: /Live: on/ })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  const liveStatus = page.getByRole("status").filter({ hasText: /Checking for new rows/ });
  // A sender whose clock is 30 s behind (or a retry, or buffered delivery): older than the
  // newest row shown. Then an event stamped by the server, as the repro had it.
  await post(`ev_e2e_late_${stamp}`, newestShown - 30_000);
  await post(`ev_e2e_fresh_${stamp}`);
  await expect(rows(page)).toHaveCount(4, { timeout: 15_000 });
  const order = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.id));
  expect(order).toEqual([`row-ev_e2e_fresh_${stamp}`, `row-ev_e2e_anchor_${stamp}`, `row-ev_e2e_late_${stamp}`, `row-ev_e2e_before_${stamp}`]);
  await expect(liveStatus).toContainText("2 new");
  // Later polls re-read the window but add nothing twice.
  await page.waitForTimeout(6_000);
  await expect(rows(page)).toHaveCount(4);
  await expect(liveStatus).toContainText("2 new");
});

// It signs out: a session of its own, signed in through the form, never the saved one the
// other tests share.
test.describe(() => {
  test.use({ storageState: NO_SESSION });

  test("live mode stops when the session ends in another tab, and links to sign in again and back", async ({ page }) => {
    await signIn(page, "member");
    await page.goto(`/runs/${D.liveRunId}`);
    await expect(page.getByRole("button", { name: /Live: on/ })).toBeVisible();
    const polls: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/api/runs/${D.liveRunId}/live`) polls.push(request.url());
    });

    const other = await page.context().newPage();
    await other.goto("/");
    await other.getByRole("button", { name: "Sign out" }).click();
    await expect(other).toHaveURL(/\/login/);

    const status = page.getByRole("status").filter({ hasText: /session/ });
    await expect(status).toContainText("Your session has ended, so live mode stopped.", { timeout: 15_000 });
    await expect(status).not.toContainText("could not reach the server");
    await expect(page.getByRole("button", { name: /Live: off/ })).toBeVisible();
    // No more polling: one interval later nothing more was asked.
    const asked = polls.length;
    await page.waitForTimeout(6_000);
    expect(polls).toHaveLength(asked);

    const signInAgain = status.getByRole("link", { name: "Sign in again" });
    await expect(signInAgain).toHaveAttribute("href", `/login?next=${encodeURIComponent(`/runs/${D.liveRunId}`)}`);
    await signInAgain.click();
    await page.getByLabel("Email").fill(E2E.memberEmail);
    await page.getByLabel("Password").fill(E2E.memberPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${D.liveRunId}$`));
    await expect(page.getByRole("button", { name: /Live: on/ })).toBeVisible();
  });
});

test.describe("in the viewer's time zone", () => {
  // UTC+05:45: an offset no server or CI machine has by accident.
  test.use({ timezoneId: "Asia/Kathmandu", locale: "en-GB" });

  test("times show in the viewer's zone, with the UTC instant on hover", async ({ page }) => {
    await page.goto(`/runs/${D.runId}`);
    const time = rows(page).first().locator("time");
    const iso = (await time.getAttribute("datetime"))!;
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kathmandu", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
    await expect(time).toContainText(local);
    await expect(time).not.toContainText("UTC");
    await expect(time).toHaveAttribute("title", `${iso} (UTC)`);
  });
});
