import { database, type Database } from "./client";
import { applyMigrations } from "./schema-engine";

// Two instances starting at once against one PostgreSQL queue on this lock rather than
// racing to apply the same migration. (Any constant; this one spells "LGDK".)
const MIGRATION_LOCK = 0x4c47444b;

/** Applies prisma/migrations to the configured database; idempotent. */
export async function migrate(db: Database = database()): Promise<string[]> {
  const result = await db.withLock(MIGRATION_LOCK, () => db.withMigrationAdapter(applyMigrations));
  return result.acquired ? result.value : [];
}
