import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { configuredTarget, database, openDatabase } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { resetRateLimits, takeRateLimitToken } from "./take-rate-limit-token";

beforeEach(async () => {
  resetRateLimits();
  await truncateAll();
});

const take = (key: string, options = { perSecond: 2, burst: 5 }, db = database()) => takeRateLimitToken(key, options, db);

describe("takeRateLimitToken", () => {
  it("allows a burst at once, then refuses with the seconds to wait, per key", async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await take("k"));
    expect(results).toEqual([...Array(5).fill({ allowed: true }), { allowed: false, retryAfterSeconds: 1 }]);
    expect(await take("other")).toEqual({ allowed: true });
  });

  it("gives perSecond again in the next second, not the whole burst", async () => {
    for (let i = 0; i < 5; i++) await take("k");
    expect(await take("k")).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect([await take("k"), await take("k"), await take("k")]).toEqual([{ allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 1 }]);
  });

  // Two server instances are two processes with a database client each; on PGlite one
  // process owns the database, so there is no second instance to share with.
  describe.runIf(configuredTarget().kind === "postgres")("on PostgreSQL, across instances", () => {
    const other = configuredTarget().kind === "postgres" ? openDatabase() : undefined;
    afterAll(() => other?.close());

    it("counts one key's requests to both instances against one limit", async () => {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await take("shared", undefined, i % 2 ? other! : database()));
      expect(results.filter((result) => result.allowed)).toHaveLength(5);
      expect(results[5]).toEqual({ allowed: false, retryAfterSeconds: 1 });
      expect(await take("shared", undefined, other!)).toMatchObject({ allowed: false });
    });

    it("keeps its counts in ingest_rate_limits", async () => {
      await take("stored", undefined, other!);
      const rows = await database().prisma.ingestRateLimit.findMany({ where: { key: { startsWith: "ingest:" } } });
      expect(rows.map((row) => [row.key, row.points])).toEqual([["ingest:stored", 1]]);
    });
  });
});
