// The PostgreSQL extensions logdeck's migrations create, as PGlite bundles them: every
// embedded database (the app's, a migration shadow, a test's) is opened with these, or
// `CREATE EXTENSION pg_trgm` in prisma/migrations/20261207200000_search_index fails there.
// On a PostgreSQL server they come with the server (pg_trgm is in postgresql-contrib).
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * A migration adapter over a fresh in-memory PGlite with the extensions loaded, whose
 * shadow database has them too (pglite-prisma-adapter's own shadow is a bare PGlite, in
 * which the search-index migration would fail and so go missing from every drift check).
 * `close` ends both.
 */
export function openPgliteMigrationTarget(): { adapter: SqlMigrationAwareDriverAdapterFactory; close: () => Promise<void> } {
  const main = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const shadows: PGlite[] = [];
  const factory = new PrismaPGlite(main);
  const adapter: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const shadow = new PGlite({ extensions: PGLITE_EXTENSIONS });
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    },
  };
  return { adapter, close: async () => void (await Promise.all([main, ...shadows].map((db) => (db.closed ? undefined : db.close())))) };
}
