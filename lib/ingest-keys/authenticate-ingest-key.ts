import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashIngestKey } from "./hash-ingest-key";

export interface IngestKeyIdentity {
  /** `ingest_keys.id`, or `env:<first 12 hex of the hash>` for a key from INGEST_KEYS. */
  keyId: string;
  /** The project the key is bound to; null: every project. */
  projectId: string | null;
}

// lastUsedAt is a hint for admins ("used 3 minutes ago"), not an audit log: writing it on
// every request would turn each ingest into two writes. Once a minute per key is enough.
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

const MAX_KEY_LENGTH = 512;

/**
 * Who an ingest key belongs to: a key listed in INGEST_KEYS (valid for every project,
 * compared in constant time), or a non-revoked row of `ingest_keys` found by its hash.
 * Null for a missing, unknown or revoked key.
 */
export async function authenticateIngestKey({ key, now = new Date() }: { key: string | null | undefined; now?: Date }): Promise<IngestKeyIdentity | null> {
  if (!key || key.length > MAX_KEY_LENGTH) return null;
  const hash = hashIngestKey(key);

  const envKey = matchEnvKey(hash);
  if (envKey) return { keyId: `env:${envKey.slice(0, 12)}`, projectId: null };

  const row = await prisma().ingestKey.findUnique({
    where: { hash },
    select: { id: true, projectId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;

  await touchLastUsed(row.id, row.lastUsedAt, now);
  return { keyId: row.id, projectId: row.projectId };
}

/** The hash of the INGEST_KEYS entry equal to the given hash, checking every entry. */
function matchEnvKey(hash: string): string | null {
  const given = Buffer.from(hash, "hex");
  let match: string | null = null;
  for (const candidate of env().INGEST_KEYS) {
    const candidateHash = hashIngestKey(candidate);
    // Equal-length digests, so timingSafeEqual never throws; no early exit either.
    if (timingSafeEqual(given, Buffer.from(candidateHash, "hex"))) match = candidateHash;
  }
  return match;
}

async function touchLastUsed(id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  const nowMs = now.getTime();
  const previous = Math.max(lastUsedAt?.getTime() ?? 0, lastUsedWritten.get(id) ?? 0);
  if (nowMs - previous < LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(id, nowMs);
  if (lastUsedWritten.size > 10_000) lastUsedWritten.clear();
  // A failed hint must not fail the request it rides on.
  await prisma()
    .ingestKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(nowMs - LAST_USED_EVERY_MS) } }] }, data: { lastUsedAt: now } })
    .catch(() => {});
}
