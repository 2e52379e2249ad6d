// A statement PostgreSQL picks as a deadlock's victim is run again (lib/db/retry-on-deadlock.ts):
// two transactions that lock two projects in opposite orders both finish, where without the
// retry one of them fails with 40P01 (which the API answered with a 503).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { isDeadlockError, retryOnDeadlock } from "./retry-on-deadlock";

/** Locks `first`, waits until the other side holds its first lock, then locks `second`. */
async function crossingTransaction(first: string, second: string, ready: { count: number }): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SET deadlock_timeout = '100ms'");
    await client.query("BEGIN");
    await client.query("UPDATE projects SET name = name WHERE id = $1", [first]);
    ready.count++;
    for (let i = 0; i < 200 && ready.count < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await client.query("UPDATE projects SET name = name WHERE id = $1", [second]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

describe.runIf(process.env.LOGDECK_TEST_ENGINE === "postgres")("retryOnDeadlock (PostgreSQL)", () => {
  it("without it, two transactions locking in opposite orders deadlock: one fails with 40P01", async () => {
    await prisma().project.createMany({ data: [{ id: "p_a", name: "a" }, { id: "p_b", name: "b" }] });
    const ready = { count: 0 };
    const results = await Promise.allSettled([crossingTransaction("p_a", "p_b", ready), crossingTransaction("p_b", "p_a", ready)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(isDeadlockError(failed[0]!.reason)).toBe(true);
  });

  it("with it, the victim runs again and both finish", async () => {
    await prisma().project.createMany({ data: [{ id: "p_c", name: "c" }, { id: "p_d", name: "d" }], skipDuplicates: true });
    const ready = { count: 0 };
    let attempts = 0;
    const results = await Promise.allSettled([
      retryOnDeadlock(() => (attempts++, crossingTransaction("p_c", "p_d", ready))),
      retryOnDeadlock(() => (attempts++, crossingTransaction("p_d", "p_c", ready))),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts).toBe(3);
  });

  it("does not retry other errors", async () => {
    let attempts = 0;
    const error = await retryOnDeadlock(async () => {
      attempts++;
      await prisma().$queryRawUnsafe("SELECT 1/0");
    }).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(isDeadlockError(error)).toBe(false);
  });
});
