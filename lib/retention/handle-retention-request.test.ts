// A bad retention setting (which stops `npm start`; start-up and the CLI are covered in
// scripts/retention.integration.test.ts) met by a server started some other way: callers
// are authenticated first, so only the admin's token learns which setting is wrong; the
// others get 401, or a 500 that names nothing. No database is reached in any case.
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { handleRetentionRequest } from "./handle-retention-request";

const TOKEN = "unit-test-admin-token-0123456789";
process.env.EVENT_RETENTION_DAYS = "abc"; // read by env() on first use, inside the handler
process.env.ADMIN_TOKEN = TOKEN;

const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
beforeEach(() => errorLog.mockClear());
afterAll(() => errorLog.mockRestore());

const post = (headers: Record<string, string> = {}) =>
  handleRetentionRequest(new Request("http://localhost/api/admin/retention", { method: "POST", headers }));

it("answers the admin's token with a 500 that names the bad setting", async () => {
  const response = await post({ authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(500);
  const body = await response.json();
  expect(body.error.code).toBe("internal_error");
  expect(body.error.message).toContain('EVENT_RETENTION_DAYS must be a positive whole number, got "abc"');
  expect(errorLog).toHaveBeenCalledWith(expect.stringContaining("EVENT_RETENTION_DAYS"));
});

it.each([
  ["no credentials", {}],
  ["a wrong token", { authorization: "Bearer not-the-token" }],
  ["a wrong token of the same length", { authorization: `Bearer ${"x".repeat(TOKEN.length)}` }],
  ["another scheme", { authorization: `Basic ${TOKEN}` }],
])("refuses %s with 401 first, naming nothing", async (_, headers) => {
  const response = await post(headers);
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  const text = await response.text();
  expect(text).not.toMatch(/RETENTION|configuration/i);
  expect(JSON.parse(text)).toMatchObject({ error: { code: "unauthorized" } });
});

it("answers a session it cannot check (the configuration is needed for that) with a 500 that names nothing", async () => {
  const response = await post({ cookie: "better-auth.session_token=whatever" });
  expect(response.status).toBe(500);
  const body = await response.json();
  expect(body.error.code).toBe("internal_error");
  expect(body.error.message).not.toMatch(/RETENTION/);
  // The operator still learns which setting: the server's log names it.
  expect(errorLog).toHaveBeenCalledWith(expect.stringContaining("EVENT_RETENTION_DAYS"));
});
