// Single sign-on against a local OIDC provider: the sign-in starts a redirect to the
// issuer's authorization endpoint (PKCE, state, nonce), a new user gets the member role,
// and a deactivated user gets no session.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { startFakeOidcProvider } from "@/test/fake-oidc-provider";

const idp = await startFakeOidcProvider();
process.env.OIDC_ISSUER = idp.issuer;
process.env.OIDC_CLIENT_ID = idp.clientId;
process.env.OIDC_CLIENT_SECRET = idp.clientSecret;
process.env.OIDC_PROVIDER_NAME = "Test IdP";
const { auth } = await import("./auth");
const { getSessionUser } = await import("./session");
const { setUserActive } = await import("@/lib/users/set-user-active");

afterAll(() => idp.close());

const BASE = "http://localhost:3000";

/** Starts SSO as /login's button does; returns the authorization URL and the cookies set. */
async function start() {
  const response = await auth().api.signInSocial({ body: { provider: "oidc", callbackURL: "/runs", errorCallbackURL: "/login", disableRedirect: true }, asResponse: true });
  const { url } = (await response.json()) as { url: string };
  const cookie = response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  return { url: new URL(url), cookie };
}

/** The provider's redirect back to us, with a code for `user`. */
async function callback(user: { sub: string; email: string; name: string }) {
  const { url, cookie } = await start();
  idp.nextLogin({ ...user, nonce: url.searchParams.get("nonce") ?? "" });
  const response = await auth().handler(new Request(`${BASE}/api/auth/callback/oidc?code=test-code&state=${url.searchParams.get("state")}`, { headers: { cookie } }));
  const session = response.headers.getSetCookie().find((line) => line.startsWith("better-auth.session_token="));
  return { status: response.status, location: response.headers.get("location") ?? "", sessionCookie: session?.split(";")[0] };
}

describe("OIDC single sign-on", () => {
  it("sends the browser to the issuer's authorization endpoint with PKCE, state and nonce", async () => {
    const { url, cookie } = await start();
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: idp.clientId,
      response_type: "code",
      redirect_uri: `${BASE}/api/auth/callback/oidc`,
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    for (const param of ["state", "code_challenge", "nonce"]) expect(url.searchParams.get(param)).toBeTruthy();
    expect(cookie).not.toBe("");
  });

  it("signs a new user in as a member", async () => {
    const result = await callback({ sub: "idp-user-1", email: "sso.user@example.test", name: "SSO User" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/runs");
    expect(result.sessionCookie).toBeTruthy();
    expect(await getSessionUser(new Headers({ cookie: result.sessionCookie! }))).toMatchObject({ email: "sso.user@example.test", role: "member" });
  });

  it("gives a deactivated user no session", async () => {
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "sso.user@example.test" }, select: { id: true } });
    await prisma().user.create({ data: { id: "other-admin", email: "admin@example.test", name: "Admin", role: "admin" } });
    expect(await setUserActive({ userId: user.id, active: false })).toBe("changed");
    const result = await callback({ sub: "idp-user-1", email: "sso.user@example.test", name: "SSO User" });
    expect(result.sessionCookie).toBeUndefined();
    // /login turns this code into "This account is deactivated. Ask an admin."
    expect(result.location).toMatch(/^\/login\?error=BANNED_USER/);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(0);
  });
});
