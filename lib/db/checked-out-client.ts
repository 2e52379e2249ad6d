// A pg client taken out of a pool for a few statements, and given back the right way.
import type pg from "pg";

export interface CheckedOutClient {
  readonly client: pg.PoolClient;
  /** The error that broke this connection, if one did (the client is then not reused). */
  broken(): Error | undefined;
  /** Marks the connection unusable: it is closed instead of going back to the pool. */
  markBroken(error: Error): void;
}

/**
 * Runs `fn` with a client of `pool`. pg-pool takes its own error listener off a client
 * while it is checked out, so one is put on here: a connection that dies under us (a
 * restart, pg_terminate_backend) would otherwise raise an uncaught 'error' and take the
 * whole server down. A client that broke is destroyed on release, never handed out again.
 */
export async function withCheckedOutClient<T>(pool: pg.Pool, fn: (checkedOut: CheckedOutClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const markBroken = (error: Error) => {
    broken ??= error;
  };
  client.on("error", markBroken);
  try {
    return await fn({ client, broken: () => broken, markBroken });
  } finally {
    client.off("error", markBroken);
    client.release(broken);
  }
}
