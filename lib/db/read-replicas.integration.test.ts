// The read client's routing without a standby (test/replicas has the real one): a replica
// URL that is not a standby, or where nothing listens, is reported down and its reads go
// to the primary, on read-only sessions. PGlite and a lone PostgreSQL keep one client.
import { afterAll, describe, expect, it } from "vitest";
import { configuredTarget, database, openDatabase, readPrisma } from "./client";

const engine = configuredTarget().kind;

describe("without DATABASE_REPLICA_URLS", () => {
  it("reads through the primary's own client, and health lists no replica", async () => {
    expect(readPrisma()).toBe(database().prisma);
    expect(await database().replicaStatuses()).toEqual([]);
  });
});

describe.runIf(engine === "postgres")("with replicas that cannot be used", () => {
  const url = configuredTarget().kind === "postgres" ? (configuredTarget() as { url: string }).url : "";
  const nowhere = "postgresql://postgres@127.0.0.1:1/nowhere";
  const db = engine === "postgres" ? openDatabase({ kind: "postgres", url, replicas: { urls: [url, nowhere], maxLagSeconds: 10 } }) : undefined;
  afterAll(() => db?.close());

  it("reports each one down, saying why", async () => {
    const statuses = await db!.replicaStatuses();
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).toMatchObject({ state: "down", lagSeconds: null, reason: expect.stringContaining("not a standby") });
    expect(statuses[1]).toMatchObject({ name: "127.0.0.1:1/nowhere", state: "down", reason: expect.stringContaining("does not answer") });
  });

  it("reads from the primary meanwhile", async () => {
    await db!.prisma.project.create({ data: { id: "p-read", name: "read" } });
    expect(await db!.readPrisma.project.findUnique({ where: { id: "p-read" }, select: { name: true } })).toEqual({ name: "read" });
    expect(await db!.readPrisma.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`).toEqual([{ n: 1 }]);
  });

  it("refuses writes, even on the primary", async () => {
    await expect(db!.readPrisma.project.create({ data: { id: "p-write", name: "write" } })).rejects.toThrow(/read-only transaction/);
    await expect(db!.readPrisma.$executeRaw`DELETE FROM projects`).rejects.toThrow(/read-only transaction/);
    expect(await db!.prisma.project.count({ where: { id: "p-write" } })).toBe(0);
  });
});
