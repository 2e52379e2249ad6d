import { beforeEach, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { prisma } from "./client";
import { ensurePartitions, keepPartitionsAhead, listPartitions, partitionName, weekStart, WEEKS_AHEAD } from "./partitions";

const WEEK = 7 * 24 * 3_600_000;

beforeEach(truncateAll);

describe("weekStart", () => {
  it("is the Monday 00:00 UTC of the week", () => {
    expect(weekStart(new Date("2026-12-07T00:00:00Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(weekStart(new Date("2026-12-13T23:59:59.999Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(weekStart(new Date("2026-12-14T00:00:00Z")).toISOString()).toBe("2026-12-14T00:00:00.000Z");
  });
});

describe("ensurePartitions", () => {
  it("creates the missing weeks up to the one asked for, each once, contiguous", async () => {
    const until = new Date(Date.now() + 6 * WEEK);
    const created = await ensurePartitions({ until });
    expect(await ensurePartitions({ until })).toEqual([]);
    for (const table of ["event_logs", "error_logs"] as const) {
      const partitions = await listPartitions(table);
      expect(partitions[0]!.from).toBeNull();
      for (let i = 1; i < partitions.length; i++) expect(partitions[i]!.from).toEqual(partitions[i - 1]!.to);
      const last = partitions.at(-1)!;
      expect(last.name).toBe(partitionName(table, weekStart(until)));
      expect(last.to!.getTime() - last.from!.getTime()).toBe(WEEK);
      expect(created).toContain(last.name);
    }
  });

  it("makes partitions that take rows, with the table's indexes, defaults and generated columns", async () => {
    const until = new Date(Date.now() + (WEEKS_AHEAD + 3) * WEEK);
    await ensurePartitions({ until });
    await prisma().project.create({ data: { id: "p1", name: "p1" } });
    await prisma().errorLog.create({ data: { id: "x1", traceId: "t", errorType: "E", message: "m 12", projectId: "p1", createdAt: until } });
    const [row] = await prisma().$queryRawUnsafe<{ fingerprint: string | null; severity: string; part: string }[]>(
      `SELECT fingerprint::text, severity, tableoid::regclass::text AS part FROM error_logs WHERE id = 'x1'`,
    );
    expect(row).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f-]{36}$/), severity: "error", part: partitionName("error_logs", weekStart(until)) });
    const indexes = await prisma().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pg_indexes WHERE tablename = '${partitionName("error_logs", weekStart(until))}'`,
    );
    const parent = await prisma().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'error_logs'`);
    expect(Number(indexes[0]!.n)).toBe(Number(parent[0]!.n));
  });
});

describe("keepPartitionsAhead", () => {
  const ahead = partitionName("event_logs", weekStart(new Date(Date.now() + WEEKS_AHEAD * WEEK)));
  const exists = async () => (await listPartitions("event_logs")).some((p) => p.name === ahead);
  // This week's and every later partition (earlier tests made some weeks further ahead).
  const dropAhead = async () => {
    const from = weekStart(new Date(Date.now() + WEEKS_AHEAD * WEEK));
    for (const p of await listPartitions("event_logs")) if (p.from && p.from >= from) await prisma().$executeRawUnsafe(`DROP TABLE "${p.name}"`);
  };
  const waitFor = async (want: boolean) => {
    for (let i = 0; i < 100 && (await exists()) !== want; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  };

  it("creates the weeks ahead in the background, at most once an hour", async () => {
    await ensurePartitions();
    await dropAhead();
    const t0 = Date.now() + 10 * 3_600_000;
    keepPartitionsAhead(t0);
    await waitFor(true);
    expect(await exists()).toBe(true);
    await dropAhead();
    keepPartitionsAhead(t0 + 59 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await exists()).toBe(false);
    keepPartitionsAhead(t0 + 61 * 60_000);
    await waitFor(true);
    expect(await exists()).toBe(true);
  });
});

describe("PARTITION_DAYS", () => {
  const DAY = 24 * 3_600_000;

  it("cuts new partitions to the length asked for, aligned, after the existing ones — and back to weeks", async () => {
    await ensurePartitions();
    const start = (await listPartitions("event_logs")).at(-1)!.to!;
    expect(start.getTime()).toBe(weekStart(start).getTime());
    const until = new Date(start.getTime() + 3 * DAY + 5 * 3_600_000);
    const daily = await ensurePartitions({ until, days: 1 });
    const dayParts = (await listPartitions("event_logs")).filter((p) => p.from && p.from >= start);
    expect(dayParts.map((p) => [p.from!.getTime() - start.getTime(), p.to!.getTime() - p.from!.getTime()])).toEqual([
      [0, DAY],
      [DAY, DAY],
      [2 * DAY, DAY],
      [3 * DAY, DAY],
    ]);
    // A week's rows in log_ids' spans are unaffected: a span ahead exists for the last day.
    expect((await listPartitions("log_ids_event")).at(-1)!.to!.getTime()).toBeGreaterThan(until.getTime());

    // Back to weeks: one partition up to the next Monday, then whole weeks.
    const later = new Date(until.getTime() + 2 * WEEK);
    const weekly = await ensurePartitions({ until: later, days: 7 });
    const after = (await listPartitions("event_logs")).filter((p) => p.from && p.from >= dayParts.at(-1)!.to!);
    expect(after[0]!.from).toEqual(new Date(start.getTime() + 4 * DAY));
    expect(after[0]!.to).toEqual(new Date(start.getTime() + WEEK));
    for (const p of after.slice(1)) {
      expect(p.from!.getTime()).toBe(weekStart(p.from!).getTime());
      expect(p.to!.getTime() - p.from!.getTime()).toBe(WEEK);
    }
    for (let i = 1; i < after.length; i++) expect(after[i]!.from).toEqual(after[i - 1]!.to);
    for (const name of [...weekly, ...daily].reverse()) await prisma().$executeRawUnsafe(`DROP TABLE "${name}"`);
  });
});
