import "server-only";
import { prisma } from "@/lib/db/client";

export interface IngestKeySummary {
  id: string;
  name: string;
  prefix: string;
  projectId: string | null;
  projectName: string | null;
  createdAt: Date;
  createdByEmail: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every ingest key, newest first, without its hash: what an admin needs to recognise one. */
export async function findIngestKeys(): Promise<IngestKeySummary[]> {
  const rows = await prisma().ingestKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      projectId: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      project: { select: { name: true } },
      createdBy: { select: { email: true } },
    },
  });
  return rows.map(({ project, createdBy, ...row }) => ({ ...row, projectName: project?.name ?? null, createdByEmail: createdBy?.email ?? null }));
}
