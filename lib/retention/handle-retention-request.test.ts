// A bad retention setting reaches the endpoint's caller as a message naming it, never as
// an anonymous 500 (start-up and the CLI are covered in scripts/retention.integration.test.ts).
import { expect, it } from "vitest";
import { handleRetentionRequest } from "./handle-retention-request";

process.env.EVENT_RETENTION_DAYS = "0"; // read by env() on first use, inside the handler
process.env.ADMIN_TOKEN = "unit-test-admin-token-0123456789";

it("answers a bad EVENT_RETENTION_DAYS with an error body that names it", async () => {
  const response = await handleRetentionRequest(
    new Request("http://localhost/api/admin/retention", { method: "POST", headers: { authorization: "Bearer unit-test-admin-token-0123456789" } }),
  );
  expect(response.status).toBe(500);
  const body = await response.json();
  expect(body.error.code).toBe("internal_error");
  expect(body.error.message).toContain('EVENT_RETENTION_DAYS must be a positive whole number, got "0"');
});
