// A batch that meets a row lock held by someone else (a long transaction elsewhere) waits
// at most lock_timeout, then is retried a bounded number of times. PostgreSQL only: an
// embedded PGlite has one connection, so nothing else can hold a lock.
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { database, prisma } from "@/lib/db/client";
import { deleteExpiredRows } from "./delete-expired-rows";

const cutoff = new Date(Date.now() - 30 * 86_400_000);

describe.runIf(database().target.kind === "postgres")("lock_timeout and retries", () => {
  beforeEach(async () => {
    await prisma().$executeRawUnsafe(`TRUNCATE event_logs`);
    await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at)
      SELECT 'e' || i, 'T', now() - interval '40 days' FROM generate_series(1, 12) i`;
  });

  async function holdRowLock(): Promise<pg.Client> {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("BEGIN");
    await other.query("SELECT id FROM event_logs WHERE id = 'e1' FOR UPDATE");
    return other;
  }

  it("retries a batch that timed out on a lock and finishes once the lock is gone", async () => {
    const other = await holdRowLock();
    const release = setTimeout(() => void other.query("COMMIT").then(() => other.end()), 700);
    const started = performance.now();
    try {
      const deleted = await deleteExpiredRows({ table: "event_logs", cutoff, batchSize: 5, lockTimeoutMs: 100, maxAttempts: 6 });
      expect(deleted).toBe(12);
      expect(performance.now() - started).toBeGreaterThan(600); // it did wait for the lock
    } finally {
      clearTimeout(release);
    }
    expect(await prisma().eventLog.count()).toBe(0);
  });

  it("gives up after maxAttempts with the lock timeout, leaving committed batches committed", async () => {
    const other = await holdRowLock();
    try {
      await expect(deleteExpiredRows({ table: "event_logs", cutoff, batchSize: 5, lockTimeoutMs: 50, maxAttempts: 2 })).rejects.toThrow(/lock timeout/i);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    // Batches are all-or-nothing: whole batches of 5 went, the locked row stayed.
    expect([12, 7, 2]).toContain(await prisma().eventLog.count());
    expect(await prisma().eventLog.findUnique({ where: { id: "e1" }, select: { id: true } })).not.toBeNull();
  });
});
