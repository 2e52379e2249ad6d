import "server-only";
import { prisma } from "@/lib/db/client";
import { forgetIngestKey } from "./authenticate-ingest-key";

export type RevokeIngestKeyResult = "revoked" | "already_revoked" | "not_found";

/**
 * Revokes a key: ingestion answers it with 401 — in this process at once, in others
 * (other instances; the server, when the CLI revoked) once their cached lookup expires,
 * within INGEST_KEY_CACHE_TTL_MS. Revoking twice keeps the first time.
 */
export async function revokeIngestKey({ id, now = new Date() }: { id: string; now?: Date }): Promise<RevokeIngestKeyResult> {
  const { count } = await prisma().ingestKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  forgetIngestKey({ id });
  if (count === 1) return "revoked";
  const exists = await prisma().ingestKey.findUnique({ where: { id }, select: { id: true } });
  return exists ? "already_revoked" : "not_found";
}
