import pg from "pg";

/**
 * Runs `fn` while this test file's PostgreSQL database refuses connections (its sessions
 * terminated, new ones refused), then lets connections in again, whatever `fn` did.
 * PostgreSQL only: PGlite lives in the test's own process. `fn` gets the database's name.
 */
export async function whileDatabaseRefusesConnections<T>(fn: (name: string) => Promise<T>): Promise<T> {
  const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
    return await fn(name);
  } finally {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  }
}
