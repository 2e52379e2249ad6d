import "server-only";
import { prisma } from "@/lib/db/client";

// A DSN's number never moves to another project, and a Sentry SDK sends one envelope per
// event: its project is remembered for a minute rather than looked up per envelope.
// Misses are not remembered (a project may be created at any moment).
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const remembered = new Map<number, { id: string; until: number }>();

/** The project a DSN's number names (projects.dsn_id), or null. */
export async function findDsnProject({ dsnId, now = Date.now() }: { dsnId: number; now?: number }): Promise<{ id: string } | null> {
  const hit = remembered.get(dsnId);
  if (hit && hit.until > now) return { id: hit.id };
  const project = await prisma().project.findUnique({ where: { dsnId }, select: { id: true } });
  if (project) {
    if (remembered.size >= MAX_ENTRIES) remembered.clear();
    remembered.set(dsnId, { id: project.id, until: now + TTL_MS });
  }
  return project;
}
