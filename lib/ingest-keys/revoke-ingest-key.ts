import "server-only";
import { prisma } from "@/lib/db/client";

export type RevokeIngestKeyResult = "revoked" | "already_revoked" | "not_found";

/**
 * Revokes a key: from now on ingestion answers it with 401 (authenticate-ingest-key
 * refuses any row with `revokedAt`). Revoking twice keeps the first time.
 */
export async function revokeIngestKey({ id, now = new Date() }: { id: string; now?: Date }): Promise<RevokeIngestKeyResult> {
  const { count } = await prisma().ingestKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  if (count === 1) return "revoked";
  const exists = await prisma().ingestKey.findUnique({ where: { id }, select: { id: true } });
  return exists ? "already_revoked" : "not_found";
}
