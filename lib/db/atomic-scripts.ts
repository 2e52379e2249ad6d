// The schema engine applies a migration with one `executeScript(script)` call. Neither
// adapter sends it the way `prisma migrate deploy` does (one simple query, which
// PostgreSQL runs as one implicit transaction):
// - @prisma/adapter-pg 7.10 splits the script on every `;` and sends the pieces one by
//   one, each autocommitted: a `;` inside a string, a function body or a `DO $$ … $$`
//   block cut the migration mid-way and left it half-applied;
// - pglite-prisma-adapter 0.7.2 does not await its `exec`: a failing migration was
//   recorded as applied, the error surfacing later as an unhandled rejection.
// This wrapper replaces `executeScript` on every connection the engine opens: the whole
// script goes as ONE simple query (pg's `client.query(text)` with no parameters,
// PGlite's `exec`), awaited, its error reported to the engine as the adapter's own.
// A script that fails therefore leaves nothing behind, and the engine does not record it.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** What the two adapters hold underneath (their public `underlyingDriver()` or `client`). */
interface SimpleQueryDriver {
  query?(text: string): Promise<unknown>;
  exec?(text: string): Promise<unknown>;
}

interface AdapterInternals {
  underlyingDriver?(): unknown;
  client?: unknown;
  onError?(error: unknown): never;
}

function simpleQueryOf(adapter: SqlDriverAdapter): (script: string) => Promise<unknown> {
  const internals = adapter as SqlDriverAdapter & AdapterInternals;
  // PGlite (its adapter keeps the PGlite instance as `client`): exec runs a script as one
  // simple query. pg (a Pool or Client behind `underlyingDriver()`): query(text) with no
  // values uses the simple-query protocol too.
  const pglite = internals.client as SimpleQueryDriver | undefined;
  if (typeof pglite?.exec === "function") return (script) => pglite.exec!(script);
  const driver = internals.underlyingDriver?.() as SimpleQueryDriver | undefined;
  if (typeof driver?.query === "function") return (script) => driver.query!(script);
  throw new Error(`cannot run a migration atomically through ${adapter.adapterName}: no simple-query driver found`);
}

function withAtomicScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const run = simpleQueryOf(adapter);
  const onError = (adapter as SqlDriverAdapter & AdapterInternals).onError?.bind(adapter);
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property !== "executeScript") {
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (script: string) => {
        try {
          await run(script);
        } catch (error) {
          // The adapter's own mapping (a DriverAdapterError with the SQLSTATE), so the
          // engine reports the database's message.
          if (onError) onError(error);
          throw error;
        }
      };
    },
  });
}

/** `factory` with every connection's `executeScript` sent as one atomic simple query. */
export function withAtomicScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withAtomicScript(await factory.connect()),
    connectToShadowDb: async () => withAtomicScript(await factory.connectToShadowDb()),
  };
}
