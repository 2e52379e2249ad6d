import type { Database } from "@/lib/db/client";
import { hashIngestKey } from "@/lib/ingest-keys/hash-ingest-key";
import { createUser } from "@/lib/users/create-user";
import { E2E } from "./fixtures";

// Keys with known plaintext, stored the way createIngestKey stores them (hash and prefix
// only), so the journeys can present them. Runs after the project fixtures.
export async function loadAuthFixtures(db: Database): Promise<void> {
  const { auth } = E2E;
  await createUser({ email: auth.lockedEmail, password: auth.lockedPassword, role: "member", name: "Locked" });
  await createUser({ email: auth.targetedEmail, password: auth.targetedPassword, role: "member", name: "Targeted" });
  await db.prisma.project.create({ data: { id: auth.otherProjectId, name: "E2E Other Project" } });
  const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: E2E.adminEmail }, select: { id: true } });
  await db.prisma.session.create({
    data: { id: "session_e2e_expired", token: auth.expiredSessionToken, userId: admin.id, expiresAt: new Date(Date.now() - 3_600_000) },
  });
  const rows = [
    { ...auth.keys.boundToProject, projectId: E2E.project.id, revokedAt: null },
    { ...auth.keys.revoked, projectId: null, revokedAt: new Date() },
    { ...auth.keys.boundToOtherProject, projectId: auth.otherProjectId, revokedAt: null },
  ];
  for (const [i, row] of rows.entries()) {
    await db.prisma.ingestKey.create({
      data: { id: `key_e2e_${i}`, name: row.name, prefix: row.key.slice(0, 12), hash: hashIngestKey(row.key), projectId: row.projectId, revokedAt: row.revokedAt },
    });
  }
}
