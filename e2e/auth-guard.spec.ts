// Every page, route and endpoint refuses whoever may not use it: no session, a forged or
// expired session cookie, a member where an admin is needed, a revoked key, a key bound to
// another project. Each refusal has the right status and shows nothing behind it.
// To cover a new page or endpoint, add it to the lists below.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./fixtures";
import { SESSION } from "./sessions";
import { signedSessionCookie } from "./sign-in";

const { dashboard, auth } = E2E;

/** Pages any signed-in user may see; `secret` is text on the page that nobody else may. */
const USER_PAGES = [
  { path: "/", secret: E2E.project.name },
  { path: `/runs/${dashboard.runId}`, secret: dashboard.runName },
  { path: `/traces/${dashboard.traceId}`, secret: dashboard.traceId },
  { path: `/projects/${E2E.project.id}/errors`, secret: E2E.project.name },
  { path: `/projects/${E2E.project.id}/runs`, secret: E2E.project.name },
  { path: `/go?id=${dashboard.runId}`, secret: dashboard.runName },
  { path: "/account", secret: "Change your password" },
];

/** Pages for admins only. */
const ADMIN_PAGES = [
  { path: "/admin/users", secret: E2E.memberEmail },
  { path: "/admin/keys", secret: auth.keys.revoked.name },
  { path: "/admin/retention", secret: "Retention" },
];

/** Route handlers that read logs for signed-in users. */
const USER_ROUTES = [`/api/runs/${dashboard.runId}/export`, `/api/runs/${dashboard.runId}/live`];

/** Ingestion endpoints and a valid item for E2E.project. */
const INGEST_ENDPOINTS = [
  { path: "/api/events", item: { eventType: "AUTH_GUARD_PROBE", projectId: E2E.project.id } },
  { path: "/api/errors", item: { traceId: "0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", errorType: "AUTH_GUARD_PROBE", message: "probe", projectId: E2E.project.id } },
];

// Cookies that must open nothing: a token nobody issued with a junk signature, junk, a
// correctly signed token that no session has, and an expired session's (the admin's).
const FORGED_COOKIES = [
  "better-auth.session_token=forgedtoken.Zm9yZ2VkLXNpZ25hdHVyZQ%3D%3D",
  "better-auth.session_token=x",
  signedSessionCookie("noSuchSessionToken0123456789abcd"),
  signedSessionCookie(auth.expiredSessionToken),
];

async function expectSentToLogin(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel("Email")).toBeVisible();
}

test.describe("pages without a session", () => {
  for (const { path, secret } of [...USER_PAGES, ...ADMIN_PAGES]) {
    test(`${path} sends you to /login and shows nothing`, async ({ page }) => {
      await expectSentToLogin(page, path);
      await expect(page.getByText(secret, { exact: false })).toHaveCount(0);
    });
  }

  test("/login offers no single sign-on unless OIDC is configured", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Sign in with/ })).toHaveCount(0);
  });

  test("/login keeps where you were going, and only paths on this site", async ({ page }) => {
    await page.goto("/admin/keys");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fkeys$/);
    // Signing in there, through the form, goes where you were going.
    await page.getByLabel("Email").fill(E2E.adminEmail);
    await page.getByLabel("Password").fill(E2E.adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/keys$/);
    await expect(page.getByText(auth.keys.revoked.name)).toBeVisible();
    await page.goto("/login?next=https://evil.example/");
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe("pages with a forged or expired session cookie", () => {
  for (const [i, cookie] of FORGED_COOKIES.entries()) {
    for (const { path, secret } of [...USER_PAGES.slice(0, 2), ...ADMIN_PAGES.slice(0, 2)]) {
      test(`${path} with bad cookie #${i} sends you to /login`, async ({ page, baseURL }) => {
        const at = cookie.indexOf("=");
        const [name, value] = [cookie.slice(0, at), cookie.slice(at + 1)];
        await page.context().addCookies([{ name, value, url: baseURL! }]);
        await expectSentToLogin(page, path);
        await expect(page.getByText(secret, { exact: false })).toHaveCount(0);
      });
    }
  }
});

test.describe("admin pages for a member", () => {
  test.use({ storageState: SESSION.member });

  for (const { path, secret } of ADMIN_PAGES) {
    test(`${path} answers 403 and shows nothing`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
      await expect(page.getByText(secret, { exact: false })).toHaveCount(0);
    });
  }

  test("the header shows a member no admin links", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("banner").getByRole("link", { name: E2E.memberEmail })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  });
});

test.describe("routes outside /api", () => {
  for (const path of USER_ROUTES) {
    test(`${path} gives nothing without a valid session`, async ({ request }) => {
      for (const cookie of [undefined, ...FORGED_COOKIES]) {
        const response = await request.get(path, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
        // Route handlers, not pages: 401 JSON, never a redirect to /login.
        expect(response.status(), `${path} with ${cookie ?? "no cookie"}`).toBe(401);
        expect((await response.json()).error.code).toBe("unauthorized");
        expect(await response.text()).not.toContain(dashboard.targetEventId);
      }
    });
  }
});

async function ingest(request: APIRequestContext, path: string, item: object, headers: Record<string, string>) {
  const response = await request.post(path, { data: item, headers, failOnStatusCode: false });
  const body = await response.json().catch(() => null);
  return { status: response.status(), body };
}

test.describe("ingestion keys", () => {
  for (const { path, item } of INGEST_ENDPOINTS) {
    test(`${path} refuses missing, unknown and revoked keys with 401, another project's key with 403`, async ({ request }) => {
      const cases: [string, Record<string, string>, number][] = [
        ["no key", {}, 401],
        ["an unknown key", { authorization: "Bearer ldk_not_a_real_key" }, 401],
        ["a revoked key", { authorization: `Bearer ${auth.keys.revoked.key}` }, 401],
        ["a revoked key in ?key=", {}, 401],
        ["a key bound to another project", { authorization: `Bearer ${auth.keys.boundToOtherProject.key}` }, 403],
        ["an admin's session cookie instead of a key", { cookie: FORGED_COOKIES[0]! }, 401],
      ];
      for (const [label, headers, status] of cases) {
        const target = label.includes("?key=") ? `${path}?key=${encodeURIComponent(auth.keys.revoked.key)}` : path;
        const { status: got, body } = await ingest(request, target, item, headers);
        expect(got, label).toBe(status);
        expect(body?.error?.code, label).toBe(status === 401 ? "unauthorized" : "forbidden");
        expect(JSON.stringify(body), label).not.toContain("ldk_");
      }
    });

    test(`${path} accepts a key bound to its project`, async ({ request }) => {
      const { status } = await ingest(request, path, item, { authorization: `Bearer ${auth.keys.boundToProject.key}` });
      expect(status).toBe(201);
    });
  }
});

test.describe("POST /api/admin/retention", () => {
  const cases: [string, Record<string, string>][] = [
    ["no credentials", {}],
    ["a short wrong token", { authorization: "Bearer x" }],
    ["a long wrong token", { authorization: `Bearer ${"y".repeat(5_000)}` }],
    ["a forged session cookie", { cookie: FORGED_COOKIES[0]! }],
    ["a signed cookie for no session", { cookie: FORGED_COOKIES[2]! }],
    ["an expired admin session", { cookie: FORGED_COOKIES[3]! }],
  ];
  for (const [label, headers] of cases) {
    test(`refuses ${label} with 401 JSON`, async ({ request }) => {
      const response = await request.post("/api/admin/retention", { data: { dryRun: true }, headers });
      expect(response.status()).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    });
  }

  test.describe(() => {
    test.use({ storageState: SESSION.admin });

    test("takes an admin's session from its own page only", async ({ page }) => {
      await page.goto("/");
      // The browser's own same-origin fetch (Sec-Fetch-Site: same-origin, Origin: ours) gets
      // past the session check to the body's: a 400, not a 403 (and no run in the history,
      // which e2e/retention.spec.ts reads meanwhile).
      const own = await page.evaluate(async () => {
        const response = await fetch("/api/admin/retention", { method: "POST", headers: { "content-type": "application/json" }, body: '{"dryRun": "please"}' });
        return { status: response.status, body: await response.json() };
      });
      expect(own).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });
      // The same cookie, as a sibling subdomain's or a sandboxed frame's form would send it.
      for (const headers of [{ "sec-fetch-site": "same-site", origin: "http://blog.127.0.0.1" }, { origin: "null" }] as Record<string, string>[]) {
        const response = await page.request.post("/api/admin/retention", { headers: { ...headers, "content-type": "text/plain" }, data: '{"dryRun": "please"}' });
        expect(response.status(), JSON.stringify(headers)).toBe(403);
        expect((await response.json()).error.message).toContain("own pages");
      }
    });
  });

  test.describe(() => {
    test.use({ storageState: SESSION.member });

    test("refuses a member's session with 403 JSON", async ({ page }) => {
      const response = await page.request.post("/api/admin/retention", { data: { dryRun: true } });
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    });
  });
});

test.describe("better-auth's own endpoints", () => {
  test("email sign-in over HTTP is not offered (it would skip the rate limit)", async ({ request }) => {
    const response = await request.post("/api/auth/sign-in/email", { data: { email: E2E.adminEmail, password: E2E.adminPassword } });
    expect(response.status()).toBe(404);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("session_token");
  });

  test.describe(() => {
    test.use({ storageState: SESSION.admin });

    test("admin endpoints are not offered, even to an admin", async ({ page }) => {
      const response = await page.request.post("/api/auth/admin/list-users", { data: {} });
      expect(response.status()).toBe(404);
    });
  });
});
