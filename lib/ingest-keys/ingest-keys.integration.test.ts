import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { authenticateIngestKey } from "./authenticate-ingest-key";
import { createIngestKey } from "./create-ingest-key";
import { findIngestKeys } from "./find-ingest-keys";
import { hashIngestKey } from "./hash-ingest-key";
import { revokeIngestKey } from "./revoke-ingest-key";

beforeEach(truncateAll);

describe("ingest keys", () => {
  it("are shown once and stored only as a hash", async () => {
    const created = await createIngestKey({ name: "ci", projectId: null, createdById: null });
    expect(created.key).toMatch(/^ldk_[A-Za-z0-9]{43}$/);
    const rows = await prisma().$queryRaw<Record<string, unknown>[]>`SELECT * FROM ingest_keys`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(hashIngestKey(created.key));
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(created.key.slice(12));
    expect(await findIngestKeys()).toEqual([expect.objectContaining({ id: created.id, prefix: created.key.slice(0, 12), projectId: null, revokedAt: null })]);
    expect(JSON.stringify(await findIngestKeys())).not.toContain(hashIngestKey(created.key));
  });

  it("are unique every time", async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => createIngestKey({ name: `k${i}`, projectId: null, createdById: null })));
    expect(new Set(keys.map((k) => k.key)).size).toBe(5);
  });

  it("bind to a project, creating it when new", async () => {
    const created = await createIngestKey({ name: "bound", projectId: "proj_new", createdById: null });
    expect(await prisma().project.findUnique({ where: { id: "proj_new" }, select: { id: true } })).toEqual({ id: "proj_new" });
    expect(await authenticateIngestKey({ key: created.key })).toEqual({ keyId: created.id, projectId: "proj_new" });
  });

  it("stop authenticating once revoked, and revoking twice keeps the first time", async () => {
    const created = await createIngestKey({ name: "gone", projectId: null, createdById: null });
    expect(await authenticateIngestKey({ key: created.key })).not.toBeNull();
    const first = new Date("2030-01-01T00:00:00Z");
    expect(await revokeIngestKey({ id: created.id, now: first })).toBe("revoked");
    expect(await authenticateIngestKey({ key: created.key })).toBeNull();
    expect(await revokeIngestKey({ id: created.id })).toBe("already_revoked");
    expect((await findIngestKeys())[0]!.revokedAt).toEqual(first);
    expect(await revokeIngestKey({ id: "nope" })).toBe("not_found");
  });
});
