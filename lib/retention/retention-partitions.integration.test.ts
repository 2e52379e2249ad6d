// Retention on partitioned tables: whole weeks older than the cutoff are detached and
// dropped, the week holding the cutoff is trimmed row by row (so the boundary stays
// exact), log_ids' 28-day spans older than the cutoff are dropped whole, the run's record
// says which was which, and a dry run changes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { listPartitions, partitionName, spanStart, weekStart } from "@/lib/db/partitions";
import { truncateAll } from "@/test/truncate";
import { runRetention, type RetentionOutcome } from "./run-retention";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SPAN = 28 * DAY;

/** As if the tables had been partitioned 20 weeks ago: weekly partitions (and log_ids' spans) back to then, no history. */
async function partitionPastWeeks(): Promise<void> {
  const thisWeek = weekStart(new Date());
  for (const kind of ["event", "error"]) {
    await prisma().$executeRawUnsafe(`DROP TABLE IF EXISTS "log_ids_${kind}_history"`);
    for (let from = spanStart(new Date(thisWeek.getTime() - 20 * WEEK)); from < spanStart(thisWeek); from = new Date(from.getTime() + SPAN)) {
      const to = new Date(from.getTime() + SPAN);
      await prisma().$executeRawUnsafe(
        `CREATE TABLE IF NOT EXISTS "log_ids_${kind}_p${from.toISOString().slice(0, 10).replace(/-/g, "")}" PARTITION OF log_ids FOR VALUES FROM ('${kind}', '${from.toISOString()}') TO ('${kind}', '${to.toISOString()}')`,
      );
    }
  }
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
    let plan: { dropped: string[]; kept: string[]; errorWeeks: number; claimed: string[]; spansDropped: string[] } | undefined;
    const outcome = await completed(
      await runRetention({
        trigger: "cli",
        actor: "cli",
        batchSize: 2,
        onStart: async ({ eventCutoff, errorCutoff }) => {
          const at = (ms: number) => new Date(eventCutoff.getTime() + ms);
          const rows: [string, Date][] = [
            ["ancient_a", at(-8 * WEEK)],
            ["ancient_b", at(-8 * WEEK + 1)],
            ["ancient_c", at(-3 * WEEK)],
            ["older_1s", at(-1_000)],
            ["older_1ms", at(-1)],
            ["at_cutoff", at(0)],
            ["younger_1s", at(1_000)],
            ["fresh", new Date()],
          ];
          await insertEvents(rows);
          const cutoffWeek = weekStart(eventCutoff);
          plan = {
            dropped: (await listPartitions("event_logs")).filter((p) => p.to! <= cutoffWeek).map((p) => p.name),
            kept: [partitionName("event_logs", cutoffWeek)],
            // Errors keep 90 days: their (empty) weeks before that go too.
            errorWeeks: (await listPartitions("error_logs")).filter((p) => p.to! <= errorCutoff).length,
            // An id stays claimed until its 28-day span ends before the cutoff.
            claimed: rows.filter(([, time]) => spanStart(time).getTime() + SPAN > eventCutoff.getTime()).map(([id]) => id).sort(),
            spansDropped: (await listPartitions("log_ids_event")).filter((p) => p.to! <= eventCutoff).map((p) => p.name),
          };
        },
      }),
    );
    expect(await eventIds()).toEqual(["at_cutoff", "fresh", "younger_1s"]);
    // The spans of log_ids older than the cutoff went whole, with the ids they held; the
    // rest stay claimed, a trimmed row's id too, until their span goes.
    expect(plan!.spansDropped.length).toBeGreaterThanOrEqual(2);
    expect(plan!.claimed).toEqual(expect.arrayContaining(["at_cutoff", "fresh", "older_1ms", "older_1s", "younger_1s"]));
    expect(plan!.claimed).not.toContain("ancient_a");
    expect(await claimedEventIds()).toEqual(plan!.claimed);
    const spans = (await listPartitions("log_ids_event")).map((p) => p.name);
    for (const name of plan!.spansDropped) expect(spans).not.toContain(name);
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
