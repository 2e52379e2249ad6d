// Every route handler that reads a body outside ingestion (which has its own limits):
// bounded before reading, 413 in the one error body shape.
import { describe, expect, it } from "vitest";

process.env.ADMIN_TOKEN = "the-admin-token-for-these-tests";
const { POST: postRetention } = await import("@/app/api/admin/retention/route");

describe("POST /api/admin/retention", () => {
  it("refuses a huge body with 413 before reading it all, even from the admin", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(65_536));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if ((sent += chunk.byteLength) > 64 * 1_048_576) return controller.close();
        controller.enqueue(chunk);
      },
    });
    const response = await postRetention(
      new Request("http://localhost/api/admin/retention", { method: "POST", headers: { authorization: "Bearer the-admin-token-for-these-tests", "content-type": "application/json" }, body, duplex: "half" } as RequestInit),
    );
    expect(response.status).toBe(413);
    // The stream was cancelled long before its end.
    expect(sent).toBeLessThan(1_048_576);
  });

  it("still takes a small body", async () => {
    const response = await postRetention(
      new Request("http://localhost/api/admin/retention", { method: "POST", headers: { authorization: "Bearer the-admin-token-for-these-tests", "content-type": "application/json" }, body: '{"dryRun": true}' }),
    );
    expect(response.status).toBe(200);
  });
});
