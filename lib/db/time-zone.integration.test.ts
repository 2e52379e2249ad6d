// Prisma sends DateTime parameters without an offset and the server reads them in the
// session's time zone: a database whose default zone is not UTC would shift every stored
// instant. lib/db/client.ts pins each session to UTC; this proves it.
import { beforeAll, describe, expect, it } from "vitest";
import { truncateAll } from "@/test/truncate";
import { closeDatabase, configuredTarget, prisma } from "./client";

describe("sessions run in UTC", () => {
  it("whatever the engine", async () => {
    const [row] = await prisma().$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`;
    expect(row!.zone).toBe("UTC");
  });
});

// Only a PostgreSQL server has a database default to override (PGlite is one session,
// opened with TimeZone=UTC).
describe.runIf(configuredTarget().kind === "postgres")("instants survive a database whose default zone is not UTC", () => {
  beforeAll(async () => {
    await truncateAll();
    const [{ db }] = (await prisma().$queryRaw<{ db: string }[]>`SELECT current_database() AS db`) as [{ db: string }];
    await prisma().$executeRawUnsafe(`ALTER DATABASE "${db}" SET timezone = 'Pacific/Kiritimati'`);
    await closeDatabase(); // new sessions now start in UTC+14, but for the client's own setting
  });

  it("stores the instant it was given and compares it with NOW() correctly", async () => {
    const instant = new Date(Date.now() - 23 * 3_600_000);
    await prisma().project.create({ data: { id: "tz", name: "tz", createdAt: instant } });
    const [row] = await prisma().$queryRaw<{ epoch: number; within: boolean }[]>`
      SELECT extract(epoch FROM created_at)::float8 AS epoch, created_at > NOW() - INTERVAL '24 hours' AS within
      FROM projects WHERE id = 'tz'`;
    expect(row!.epoch * 1000).toBeCloseTo(instant.getTime(), -1);
    expect(row!.within).toBe(true);
    const read = await prisma().project.findUniqueOrThrow({ where: { id: "tz" }, select: { createdAt: true } });
    expect(read.createdAt.toISOString()).toBe(instant.toISOString());
  });
});
