// The batch walk on both engines: batches never larger than asked (ties on created_at
// included), nothing at or after the cutoff, a run stopped half-way finished by the next.
// Then, PostgreSQL only (an embedded PGlite has one connection, so nothing else can hold a
// lock): a batch that meets a row lock held by someone else waits at most lock_timeout,
// then is retried a bounded number of times.
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { database, prisma } from "@/lib/db/client";
import { countExpiredRows, deleteExpiredRows } from "./delete-expired-rows";

const cutoff = new Date(Date.now() - 30 * 86_400_000);

describe("the batch walk", () => {
  const MINUTE = 60_000;
  // 40 expired rows: 25 at distinct times, then 15 sharing one millisecond (one ingested
  // batch), then rows at the cutoff and younger. Inserted out of time order.
  const expired = [
    ...Array.from({ length: 25 }, (_, i) => [`d${i}`, new Date(cutoff.getTime() - (i + 1) * MINUTE)] as const),
    ...Array.from({ length: 15 }, (_, i) => [`t${i}`, new Date(cutoff.getTime() - 7.5 * MINUTE)] as const),
  ];
  const kept = [
    ["at_cutoff", cutoff],
    ["after_1ms", new Date(cutoff.getTime() + 1)],
    ["fresh", new Date()],
  ] as const;

  beforeEach(async () => {
    await prisma().$executeRawUnsafe(`TRUNCATE event_logs, error_logs`);
    for (const [id, at] of [...expired, ...kept].reverse()) {
      await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES (${id}, 'T', ${at.toISOString()}::timestamptz)`;
    }
  });

  const left = async () => (await prisma().eventLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);

  it("counts each batch in its run's record in the batch's own transaction, so a run that dies midway is recorded as it was", async () => {
    await prisma().retentionRun.deleteMany({ where: { id: "run_recorded" } });
    await prisma().retentionRun.create({
      data: { id: "run_recorded", trigger: "cli", actor: "cli", dryRun: false, status: "running", eventCutoff: cutoff, errorCutoff: cutoff },
    });
    // The process "dies" right after its second batch committed.
    const died = new Error("killed");
    await expect(
      deleteExpiredRows({ table: "event_logs", cutoff, batchSize: 4, recordInRun: "run_recorded", onBatch: (n) => { if (n >= 8) throw died; } }),
    ).rejects.toBe(died);
    const record = await prisma().retentionRun.findUniqueOrThrow({ where: { id: "run_recorded" } });
    expect(record.eventsDeleted).toBe(8n);
    expect(record.errorsDeleted).toBe(0n);
    expect(await left()).toHaveLength(40 - 8 + 3);
  });

  it("deletes every expired row in batches of at most batchSize, ties included, and nothing at or after the cutoff", async () => {
    const counts: number[] = [];
    const deleted = await deleteExpiredRows({ table: "event_logs", cutoff, batchSize: 4, onBatch: (n) => void counts.push(n) });
    expect(deleted).toBe(40);
    const sizes = counts.map((n, i) => n - (counts[i - 1] ?? 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await left()).toEqual(["after_1ms", "at_cutoff", "fresh"]);
    expect(await countExpiredRows({ table: "event_logs", cutoff })).toBe(0);
  });

  it("deletes oldest first: a run stopped after two batches leaves the younger expired rows, and the next run deletes them", async () => {
    const stop = new Error("stopped after two batches");
    await expect(
      deleteExpiredRows({
        table: "event_logs",
        cutoff,
        batchSize: 5,
        onBatch: (n) => {
          if (n >= 10) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const afterStop = await left();
    expect(afterStop).toHaveLength(33);
    // The ten oldest (d24 … d15) went first.
    expect(afterStop).not.toContain("d24");
    expect(afterStop).not.toContain("d15");
    expect(afterStop).toContain("d14");
    expect(await deleteExpiredRows({ table: "event_logs", cutoff, batchSize: 5 })).toBe(30);
    expect(await left()).toEqual(["after_1ms", "at_cutoff", "fresh"]);
  });

  it("with the adaptive batch size (no batchSize) deletes the same rows", async () => {
    expect(await deleteExpiredRows({ table: "event_logs", cutoff })).toBe(40);
    expect(await left()).toEqual(["after_1ms", "at_cutoff", "fresh"]);
  });

  it("leaves a row ingested behind its position (already expired when it arrives) to the next run", async () => {
    let inserted = false;
    const deleted = await deleteExpiredRows({
      table: "event_logs",
      cutoff,
      batchSize: 5,
      onBatch: async () => {
        if (inserted) return;
        inserted = true;
        await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES ('late', 'T', ${new Date(cutoff.getTime() - 400 * MINUTE).toISOString()}::timestamptz)`;
      },
    });
    expect(deleted).toBe(40);
    expect(await left()).toEqual(["after_1ms", "at_cutoff", "fresh", "late"]);
    expect(await deleteExpiredRows({ table: "event_logs", cutoff })).toBe(1);
    expect(await left()).toEqual(["after_1ms", "at_cutoff", "fresh"]);
  });

  it("refuses a duty cycle outside (0, 1]", async () => {
    for (const dutyCycle of [0, -1, 1.5, Number.NaN]) {
      await expect(deleteExpiredRows({ table: "event_logs", cutoff, dutyCycle })).rejects.toThrow(RangeError);
    }
    expect(await left()).toHaveLength(43);
  });
});

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
    expect(await prisma().eventLog.findFirst({ where: { id: "e1" }, select: { id: true } })).not.toBeNull();
  });
});
