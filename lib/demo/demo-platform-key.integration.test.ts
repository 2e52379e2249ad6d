// The live demo's ingest key: made once, kept in DATA_DIR, reused by the next demo, and
// replaced when an admin revoked it.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { authenticateIngestKey, clearIngestKeyCache } from "@/lib/ingest-keys/authenticate-ingest-key";
import { revokeIngestKey } from "@/lib/ingest-keys/revoke-ingest-key";
import { truncateAll } from "@/test/truncate";
import { ensureDemoPlatformKey } from "./demo-platform-key";
import { DEMO_PLATFORM_KEY_FILE } from "./demo-platform-key-file";

beforeAll(truncateAll);

describe("ensureDemoPlatformKey", () => {
  it("makes a key once, reuses it, and replaces a revoked one", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "logdeck-demo-key-"));
    const file = path.join(dataDir, DEMO_PLATFORM_KEY_FILE);
    await ensureDemoPlatformKey({ dataDir });
    const first = readFileSync(file, "utf8").trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await authenticateIngestKey({ key: first, now: new Date() })).toMatchObject({ projectId: null });
    await ensureDemoPlatformKey({ dataDir });
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(await prisma().ingestKey.count()).toBe(1);

    const row = await prisma().ingestKey.findFirstOrThrow({ select: { id: true } });
    await revokeIngestKey({ id: row.id });
    clearIngestKeyCache();
    await ensureDemoPlatformKey({ dataDir });
    const second = readFileSync(file, "utf8").trim();
    expect(second).not.toBe(first);
    expect(await authenticateIngestKey({ key: second, now: new Date() })).not.toBeNull();
  });
});
