// /api/auth/* as a browser, or an attacker with or without a session, reaches it: only the
// endpoints logdeck uses answer, every body is bounded before better-auth reads it, and
// a user's name and image are cleaned whatever writes them.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...all]/route";
import { prisma } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { signInHeaders } from "@/test/session-cookie";
import { auth } from "./auth";
import { AUTH_MAX_BODY_BYTES } from "./handle-auth-request";

const BASE = "http://localhost:3000/api/auth";
const password = "a-long-enough-password";
let cookie = "";

beforeAll(async () => {
  await createUser({ email: "member@example.test", password, role: "member" });
  cookie = (await signInHeaders({ email: "member@example.test", password })).get("cookie")!;
});

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  POST(new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie, ...headers }, body, ...({ duplex: "half" } as RequestInit) }));

/** A JSON body of about `bytes` bytes, streamed in 64 KiB chunks with no Content-Length. */
function streamedJson(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(65_536));
  let sent = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"name":"'));
    },
    pull(controller) {
      if (sent >= bytes) {
        controller.enqueue(new TextEncoder().encode('"}'));
        return controller.close();
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe("bodies are bounded before better-auth reads them", () => {
  it("refuses a body announced as too large, unread (413)", async () => {
    const big = JSON.stringify({ pad: "x".repeat(1_048_576) });
    const response = await post("/sign-out", big, { "content-length": String(Buffer.byteLength(big)) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("cuts off a streamed body at the bound (413), without a session too", async () => {
    expect((await post("/sign-out", streamedJson(8 * 1_048_576), { cookie: "" })).status).toBe(413);
  });

  it("lets a small body through to better-auth", async () => {
    // A session of its own: signing out ends it.
    const own = (await signInHeaders({ email: "member@example.test", password })).get("cookie")!;
    const response = await post("/sign-out", "{}", { cookie: own });
    expect(response.status).toBe(200);
    expect((await GET(new Request(`${BASE}/get-session`, { headers: { cookie: own } })).then((r) => r.json())) as unknown).toBeNull();
    expect(AUTH_MAX_BODY_BYTES).toBeLessThanOrEqual(16 * 1024);
  });
});

describe("only the endpoints logdeck uses answer", () => {
  it.each(["/verify-password", "/update-user", "/sign-in/email", "/change-email", "/delete-user", "/list-sessions", "/revoke-sessions", "/link-social", "/admin/list-users", "/request-password-reset"])(
    "POST %s is 404, even with a session",
    async (path) => {
      const response = await post(path, JSON.stringify({ password: "guess", name: "x", email: "member@example.test" }));
      expect(response.status).toBe(404);
    },
  );

  it("GET /get-session reads the caller's session", async () => {
    const response = await GET(new Request(`${BASE}/get-session`, { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { email: string } }).user.email).toBe("member@example.test");
  });

  it("the single sign-on callback exists only when single sign-on is configured", async () => {
    expect((await GET(new Request(`${BASE}/callback/oidc?code=x&state=y`))).status).toBe(404);
  });
});

describe("a user's name and image", () => {
  it("are cleaned when better-auth writes them: no bidi controls, bounded, no javascript: image", async () => {
    const headers = new Headers({ cookie });
    await auth().api.updateUser({ headers, body: { name: `Ad\u202emin\u2066 ${"x".repeat(2_000_000)}`, image: "javascript:alert(document.cookie)" } });
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "member@example.test" }, select: { name: true, image: true } });
    expect(user.name).toBe(`Admin ${"x".repeat(94)}`);
    expect(user.image).toBeNull();
    await auth().api.updateUser({ headers, body: { image: "https://example.test/me.png" } });
    expect((await prisma().user.findUniqueOrThrow({ where: { email: "member@example.test" }, select: { image: true } })).image).toBe("https://example.test/me.png");
  });

  it("are cleaned when an admin adds a user", async () => {
    const user = await createUser({ email: "new@example.test", password, name: "\u202eevil\u0000 name", role: "member" });
    expect(user.name).toBe("evil name");
  });
});

describe.runIf(process.env.LOGDECK_TEST_ENGINE === "postgres")("with the sessions table locked", () => {
  // better-auth answered a bare 500 "Failed to get session"; the API's rule is 503 + Retry-After.
  it("GET /get-session answers 503 with Retry-After, then the session again once the lock goes", async () => {
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
      const response = await GET(new Request(`${BASE}/get-session`, { headers: { cookie } }));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/busy or out of reach/);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    const again = await GET(new Request(`${BASE}/get-session`, { headers: { cookie } }));
    expect(again.status).toBe(200);
  });
});
