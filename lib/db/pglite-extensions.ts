// The PostgreSQL extensions logdeck's migrations create, as PGlite bundles them: every
// embedded database (the app's, a migration shadow, a test's) is opened with these, or
// `CREATE EXTENSION pg_trgm` in prisma/migrations/20261207200000_search_index fails there.
// On a PostgreSQL server they come with the server (pg_trgm is in postgresql-contrib).
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const PGLITE_EXTENSIONS = { pg_trgm };
