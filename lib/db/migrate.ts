import { database, type Database } from "./client";
import { applyMigrations, MIGRATIONS_DIR } from "./schema-engine";

// Two instances starting at once against one PostgreSQL queue on this lock rather than
// racing to apply the same migration. (Any constant; this one spells "LGDK".)
const MIGRATION_LOCK = 0x4c47444b;

/**
 * Applies prisma/migrations (or `migrationsDir`) to the configured database; idempotent.
 * Each migration is applied whole or not at all (see atomic-scripts.ts), and only an
 * applied one is recorded as finished.
 */
export async function migrate(db: Database = database(), migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const result = await db.withLock(MIGRATION_LOCK, async () => {
    try {
      return await db.withMigrationAdapter((adapter) => applyMigrations(adapter, migrationsDir));
    } catch (error) {
      await markFailedMigrationsRolledBack(db);
      throw error;
    }
  });
  return result.acquired ? result.value : [];
}

/**
 * The engine leaves a failed migration's row unfinished (its error in `logs`), and every
 * later deploy then refuses to run (P3009) until someone runs `prisma migrate resolve
 * --rolled-back`. A migration here is atomic, so a failed one changed nothing: it is
 * marked rolled back at once, as that command would, and the next start retries it
 * (failing again with the same message until the migration or the database is fixed).
 */
async function markFailedMigrationsRolledBack(db: Database): Promise<void> {
  await db.prisma.$executeRaw`
    UPDATE _prisma_migrations SET rolled_back_at = now()
    WHERE finished_at IS NULL AND rolled_back_at IS NULL`.catch(() => {});
}
