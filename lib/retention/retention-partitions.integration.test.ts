// Retention on partitioned tables: whole weeks older than the cutoff are detached and
// dropped, the week holding the cutoff is trimmed row by row (so the boundary stays
// exact), the run's record says which was which, and a dry run changes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { listPartitions, partitionName, weekStart } from "@/lib/db/partitions";
import { truncateAll } from "@/test/truncate";
import { runRetention, type RetentionOutcome } from "./run-retention";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** As if the tables had been partitioned 20 weeks ago: weekly partitions back to then, no history. */
async function partitionPastWeeks(): Promise<void> {
  const thisWeek = weekStart(new Date());
  for (const table of ["event_logs", "error_logs"] as const) {
    await prisma().$executeRawUnsafe(`DROP TABLE IF EXISTS "${table}_history"`);
    for (let i = 20; i >= 1; i--) {
      const from = new Date(thisWeek.getTime() - i * WEEK);
      const to = new Date(from.getTime() + WEEK);
      await prisma().$executeRawUnsafe(
        `CREATE TABLE IF NOT EXISTS "${partitionName(table, from)}" PARTITION OF "${table}" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
      );
    }
  }
}

async function completed(result: Awaited<ReturnType<typeof runRetention>>): Promise<RetentionOutcome> {
  if (result.status !== "completed") throw new Error("the run was busy");
  return result.outcome;
}

async function insertEvents(rows: [string, Date][]): Promise<void> {
  for (const [id, at] of rows) await prisma().$executeRaw`INSERT INTO event_logs (id, event_type, created_at) VALUES (${id}, 'T', ${at.toISOString()}::timestamptz)`;
}

const eventIds = async () => (await prisma().eventLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
const claimedEventIds = async () => (await prisma().logId.findMany({ where: { kind: "event" }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);

beforeEach(async () => {
  await truncateAll();
  await partitionPastWeeks();
});

describe("retention on partitioned tables", () => {
  it("drops whole weeks older than the cutoff, trims the cutoff's week exactly, and records both", async () => {
    // The cutoff the run will use (EVENT_RETENTION_DAYS 30), known to the millisecond
    // only once it starts: rows are placed relative to it from onStart.
    let plan: { dropped: string[]; kept: string[]; errorWeeks: number } | undefined;
    const outcome = await completed(
      await runRetention({
        trigger: "cli",
        actor: "cli",
        batchSize: 2,
        onStart: async ({ eventCutoff, errorCutoff }) => {
          const at = (ms: number) => new Date(eventCutoff.getTime() + ms);
          await insertEvents([
            ["ancient_a", at(-8 * WEEK)],
            ["ancient_b", at(-8 * WEEK + 1)],
            ["ancient_c", at(-3 * WEEK)],
            ["older_1s", at(-1_000)],
            ["older_1ms", at(-1)],
            ["at_cutoff", at(0)],
            ["younger_1s", at(1_000)],
            ["fresh", new Date()],
          ]);
          const cutoffWeek = weekStart(eventCutoff);
          plan = {
            dropped: (await listPartitions("event_logs")).filter((p) => p.to! <= cutoffWeek).map((p) => p.name),
            kept: [partitionName("event_logs", cutoffWeek)],
            // Errors keep 90 days: their (empty) weeks before that go too.
            errorWeeks: (await listPartitions("error_logs")).filter((p) => p.to! <= errorCutoff).length,
          };
        },
      }),
    );
    expect(await eventIds()).toEqual(["at_cutoff", "fresh", "younger_1s"]);
    // The ids of deleted rows are free again; the kept ones stay claimed.
    expect(await claimedEventIds()).toEqual(["at_cutoff", "fresh", "younger_1s"]);
    const names = (await listPartitions("event_logs")).map((p) => p.name);
    for (const name of plan!.dropped) expect(names).not.toContain(name);
    expect(names).toContain(plan!.kept[0]);
    const droppedTables = await prisma().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pg_class WHERE relname = ANY($1::text[])`,
      plan!.dropped,
    );
    expect(Number(droppedTables[0]!.n)).toBe(0);
    expect(outcome).toMatchObject({ eventsCount: 5, errorsCount: 0, rowsTrimmed: 2 });
    expect(outcome.partitionsDropped).toBe(plan!.dropped.length + plan!.errorWeeks);
    const record = await prisma().retentionRun.findUniqueOrThrow({ where: { id: outcome.id } });
    expect({ events: record.eventsDeleted, dropped: record.partitionsDropped, trimmed: record.rowsTrimmed }).toEqual({
      events: 5n,
      dropped: outcome.partitionsDropped,
      trimmed: 2n,
    });
  });

  it("a dry run counts what would go, partitions and rows, and changes nothing", async () => {
    await insertEvents([
      ["ancient", new Date(Date.now() - 10 * WEEK)],
      ["fresh", new Date()],
    ]);
    const before = (await listPartitions("event_logs")).map((p) => p.name);
    const outcome = await completed(await runRetention({ trigger: "cli", actor: "cli", dryRun: true }));
    expect(outcome.eventsCount).toBe(1);
    expect(outcome.rowsTrimmed).toBe(0);
    expect(outcome.partitionsDropped).toBeGreaterThan(0);
    expect(await eventIds()).toEqual(["ancient", "fresh"]);
    // Nothing dropped (ensurePartitions may add weeks ahead, never remove one).
    const after = (await listPartitions("event_logs")).map((p) => p.name);
    for (const name of before) expect(after).toContain(name);
  });
});
