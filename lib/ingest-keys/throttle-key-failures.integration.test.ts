// Failed ingest-key checks throttled per client address: past the budget an address's
// unknown keys get a 429 without a database lookup (a key created meanwhile is not found
// from there either), keys this process already knows keep working from it, and other
// addresses are not affected.
process.env.INGEST_KEY_FAILURES_PER_MINUTE = "5";

import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/events/route";
import { resetRateLimits } from "@/lib/ingest/take-rate-limit-token";
import { clearIngestKeyCache } from "@/lib/ingest-keys/authenticate-ingest-key";
import { createIngestKey } from "@/lib/ingest-keys/create-ingest-key";
import { resetKeyFailureThrottle } from "@/lib/ingest-keys/throttle-key-failures";
import { ingestRequest } from "@/test/ingest-request";
import { truncateAll } from "@/test/truncate";

beforeEach(async () => {
  resetRateLimits();
  resetKeyFailureThrottle();
  clearIngestKeyCache();
  await truncateAll();
});

const send = (key: string, address: string) => postEvents(ingestRequest("events", { eventType: "X" }, { key, headers: { "x-forwarded-for": address } }));
const randomKey = () => `ldk_${randomBytes(16).toString("hex")}`;

describe("failed ingest-key checks", () => {
  it("past INGEST_KEY_FAILURES_PER_MINUTE from one address: 429 with Retry-After, no database lookup, known keys still served", async () => {
    const known = await createIngestKey({ name: "known", projectId: null, createdById: null });
    expect((await send(known.key, "198.51.100.7")).status).toBe(201);

    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await send(randomKey(), "198.51.100.7")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await send(randomKey(), "198.51.100.7");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("INGEST_KEY_FAILURES_PER_MINUTE");

    // A key the database would accept, but this process has not seen: not looked up from there.
    const fresh = await createIngestKey({ name: "fresh", projectId: null, createdById: null });
    clearIngestKeyCache();
    expect((await send(known.key, "203.0.113.5")).status).toBe(201);
    expect((await send(fresh.key, "198.51.100.7")).status).toBe(429);
    // The known key (cached again through the other address) still works from the throttled one.
    expect((await send(known.key, "198.51.100.7")).status).toBe(201);
    // Another address is not affected, and finds the fresh key.
    expect((await send(randomKey(), "203.0.113.5")).status).toBe(401);
    expect((await send(fresh.key, "203.0.113.5")).status).toBe(201);
  });
});
