import { prisma } from "@/lib/db/client";
import { forgetRecordedActivity } from "@/lib/runs/record-run-activity";

/** Empties every table but the migration history, for a clean slate between tests. */
export async function truncateAll(): Promise<void> {
  const tables = await prisma().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  forgetRecordedActivity();
  if (tables.length === 0) return;
  await prisma().$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
}
