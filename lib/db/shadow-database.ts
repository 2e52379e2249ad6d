// The throwaway database Prisma's schema engine replays prisma/migrations into to compute
// a diff (the drift check, `npm run db:new-migration`): an in-memory PGlite, whatever the
// configured database. The migration tooling asks for it here instead of building an
// adapter of its own.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openPgliteAdapter } from "./pglite-database";

/** Runs `fn` with an adapter over a fresh in-memory PGlite, closed afterwards. */
export async function withShadowDatabase<T>(fn: (adapter: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T> {
  const shadow = openPgliteAdapter("memory://");
  try {
    return await fn(shadow.adapter);
  } finally {
    await shadow.closeShadows().catch(() => {});
    const pglite = await shadow.pglite().catch(() => null);
    if (pglite && !pglite.closed) await pglite.close();
  }
}
