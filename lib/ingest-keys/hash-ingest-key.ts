import { createHash } from "node:crypto";

/** How an ingest key is stored (`ingest_keys.hash`): the SHA-256 of the key, lowercase hex. */
export function hashIngestKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
