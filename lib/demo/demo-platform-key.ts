import "server-only";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { authenticateIngestKey } from "@/lib/ingest-keys/authenticate-ingest-key";
import { createIngestKey } from "@/lib/ingest-keys/create-ingest-key";
import { DEMO_PLATFORM_KEY_FILE } from "./demo-platform-key-file";

/**
 * The ingest key the live demo sends with: a key made in the database (listed on the
 * admin's Ingest keys page, revocable like any other), kept in DATA_DIR so that every
 * `npm run demo` reuses it; a new one when it is missing or was revoked.
 */
export async function ensureDemoPlatformKey({ dataDir }: { dataDir: string }): Promise<void> {
  const file = path.resolve(dataDir, DEMO_PLATFORM_KEY_FILE);
  if (existsSync(file) && (await authenticateIngestKey({ key: readFileSync(file, "utf8").trim(), now: new Date() }))) return;
  const created = await createIngestKey({ name: "Demo platform (npm run demo)", projectId: null, createdById: null });
  writeFileSync(file, created.key + "\n", { mode: 0o600 });
}
