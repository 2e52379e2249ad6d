import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { toAppError } from "@/lib/http/to-error-response";
import { whileDatabaseRefusesConnections } from "@/test/database-outage";
import { signInHeaders } from "@/test/session-cookie";

process.env.ADMIN_TOKEN = "the-admin-token-for-these-tests";
const { authorizeAdminRequest } = await import("./authorize-admin-request");
const { auth } = await import("./auth");

const password = "a-long-enough-password";
let adminCookie = "";
let memberCookie = "";

beforeAll(async () => {
  await createUser({ email: "admin@example.test", password, role: "admin" });
  await createUser({ email: "member@example.test", password, role: "member" });
  adminCookie = (await signInHeaders({ email: "admin@example.test", password })).get("cookie")!;
  memberCookie = (await signInHeaders({ email: "member@example.test", password })).get("cookie")!;
});

const request = (headers: Record<string, string>) => new Request("http://localhost:3000/api/admin/retention", { method: "POST", headers });

describe("authorizeAdminRequest", () => {
  it("lets the admin token and an admin's session in, saying who", async () => {
    expect(await authorizeAdminRequest(request({ authorization: "Bearer the-admin-token-for-these-tests" }))).toEqual({
      ok: true,
      actor: { trigger: "token", actor: "ADMIN_TOKEN", user: null },
    });
    expect(await authorizeAdminRequest(request({ cookie: adminCookie }))).toMatchObject({ ok: true, actor: { trigger: "session", actor: "admin@example.test" } });
  });

  it.each([
    ["no credentials", {}],
    ["a wrong token", { authorization: "Bearer the-admin-token-for-these-test" }],
    ["a very long wrong token", { authorization: `Bearer ${"x".repeat(20_000)}` }],
    ["an empty bearer", { authorization: "Bearer " }],
    ["another scheme", { authorization: "Basic dGhlLWFkbWluLXRva2Vu" }],
    ["a forged session cookie", { cookie: "better-auth.session_token=forged.c2lnbmF0dXJl" }],
    ["a wrong token next to an admin session", { authorization: "Bearer nope", cookie: "" }],
  ])("refuses %s with 401", async (_label, headers: Record<string, string>) => {
    const result = await authorizeAdminRequest(request(headers.cookie === "" ? { ...headers, cookie: adminCookie } : headers));
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(result)).not.toContain("the-admin-token");
  });

  it("refuses a member with 403", async () => {
    expect(await authorizeAdminRequest(request({ cookie: memberCookie }))).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses an expired session with 401", async () => {
    const headers = await signInHeaders({ email: "admin@example.test", password });
    const token = decodeURIComponent(headers.get("cookie")!.split("=")[1]!).split(".")[0]!;
    await prisma().session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authorizeAdminRequest(request({ cookie: headers.get("cookie")! }))).toMatchObject({ ok: false, status: 401 });
  });

  // A page elsewhere can make the browser POST (an auto-submitted text/plain form needs no
  // preflight) and SameSite=Lax cookies ride along on same-site requests: a session only
  // counts for requests from our own origin, as the browser's headers tell.
  it.each([
    ["from another site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }, /Sec-Fetch-Site: cross-site/],
    ["from a sibling subdomain (same-site)", { "sec-fetch-site": "same-site", origin: "http://blog.localhost:3000" }, /Sec-Fetch-Site: same-site/],
    ["from a sibling subdomain, fetch metadata aside", { origin: "http://blog.localhost:3000" }, /Origin: http:\/\/blog\.localhost:3000/],
    ["from an opaque origin (sandboxed frame, data: URL)", { origin: "null" }, /Origin: null/],
    ["from an opaque origin that claims same-origin", { "sec-fetch-site": "same-origin", origin: "null" }, /Origin: null/],
    ["from another scheme of the same host", { "sec-fetch-site": "same-origin", origin: "https://localhost:3000" }, /another origin/],
    ["with an unknown Sec-Fetch-Site", { "sec-fetch-site": "whatever" }, /Sec-Fetch-Site: whatever/],
  ])("refuses an admin's session on a request %s with 403, saying why", async (_label, headers: Record<string, string>, why) => {
    const result = await authorizeAdminRequest(request({ cookie: adminCookie, ...headers }));
    expect(result).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(why) });
  });

  it.each([
    ["with no fetch metadata or Origin (a script)", {}],
    ["from our own page", { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }],
    ["typed by the user", { "sec-fetch-site": "none" }],
    ["from our page reached by its Host", { "sec-fetch-site": "same-origin", origin: "http://logs.example.test", host: "logs.example.test" }],
  ])("accepts an admin's session on a request %s", async (_label, headers: Record<string, string>) => {
    expect(await authorizeAdminRequest(request({ cookie: adminCookie, ...headers }))).toMatchObject({ ok: true, actor: { trigger: "session" } });
  });

  it("leaves the bearer token alone: no browser sends it on its own", async () => {
    const headers = { authorization: "Bearer the-admin-token-for-these-tests", "sec-fetch-site": "cross-site", origin: "null" };
    expect(await authorizeAdminRequest(request(headers))).toMatchObject({ ok: true, actor: { trigger: "token" } });
  });
});

describe("better-auth's own HTTP endpoints", () => {
  const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    auth().handler(
      new Request(`http://localhost:3000/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000", ...headers },
        body: JSON.stringify(body),
      }),
    );

  it("offer no email sign-in or sign-up that would skip the /login rate limit", async () => {
    expect((await call("/sign-in/email", { email: "admin@example.test", password })).status).toBe(404);
    expect((await call("/sign-up/email", { email: "new@example.test", password, name: "x" })).status).toBe(404);
  });

  it("offer no password change that would skip the sign-in limits on the current password", async () => {
    const body = { currentPassword: "guess-number-one", newPassword: "a-new-long-password", revokeOtherSessions: true };
    expect((await call("/change-password", body, { cookie: adminCookie })).status).toBe(404);
  });

  it("offer no admin endpoints that would skip the users page's rules", async () => {
    const admin = await prisma().user.findUniqueOrThrow({ where: { email: "admin@example.test" }, select: { id: true } });
    for (const path of ["/admin/set-role", "/admin/ban-user", "/admin/remove-user", "/admin/create-user", "/admin/impersonate-user"]) {
      const response = await call(path, { userId: admin.id, role: "member" }, { cookie: adminCookie });
      expect(response.status, path).toBe(404);
    }
    expect((await prisma().user.findUniqueOrThrow({ where: { id: admin.id }, select: { role: true } })).role).toBe("admin");
  });
});

// Only PostgreSQL can be taken away from under a running process; PGlite lives in it.
describe.runIf(process.env.LOGDECK_TEST_ENGINE === "postgres")("with the database unavailable", () => {
  it("a valid session is not mistaken for no session: the caller learns to retry (503), not to sign in again (401)", async () => {
    await whileDatabaseRefusesConnections(async () => {
      const failure = await authorizeAdminRequest(request({ cookie: adminCookie })).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      expect(failure).toHaveProperty("error");
      expect(toAppError((failure as { error: unknown }).error).status).toBe(503);
      // The token needs no database: it still works.
      expect(await authorizeAdminRequest(request({ authorization: "Bearer the-admin-token-for-these-tests" }))).toMatchObject({ ok: true });
    });
    expect(await authorizeAdminRequest(request({ cookie: adminCookie }))).toMatchObject({ ok: true });
  });
});
