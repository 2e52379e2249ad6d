// Loading Prisma's schema engine, compiled to WebAssembly, by hand. The package imports
// its .wasm as an ES module, which Node 20 refuses, so this module instantiates
// `schema_engine_bg.wasm` itself and hands the instance to the wasm-bindgen glue through
// `__wbg_set_wasm` — an internal of wasm-bindgen's output, not a published API. That is
// why the package's version is pinned exactly, and why schema-engine-wasm.test.ts checks
// everything this file relies on: a Prisma upgrade that moves any of it fails there,
// naming what moved, rather than at a user's first `npm start`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/** The wasm-bindgen glue as this file uses it. */
interface Glue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: typeof SchemaEngine;
  version(): string;
}

const glue = bindings as unknown as Glue;

// On globalThis, not in this module: the glue is one per process, and a second instance
// handed to it (this module evaluated twice, as by two module graphs of a test runner)
// leaves its cached views of the first instance's memory pointing at the wrong one.
const holder = globalThis as unknown as { __logdeckSchemaEngine?: Promise<void> };

/** The path of the engine's .wasm file, beside its glue. */
export function schemaEngineWasmPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm");
}

/** Instantiates the engine's WebAssembly once per process. */
export function instantiateSchemaEngine(): Promise<void> {
  holder.__logdeckSchemaEngine ??= (async () => {
    const { instance } = await WebAssembly.instantiate(readFileSync(schemaEngineWasmPath()), {
      // The glue module is the wasm's only import, under the name its bundler gave it.
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start?: () => void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
  })();
  return holder.__logdeckSchemaEngine;
}

/** The engine's own version string (for messages and the upgrade test). */
export async function schemaEngineVersion(): Promise<string> {
  await instantiateSchemaEngine();
  return glue.version();
}

/** A schema engine for `schema` (schema.prisma's text) working through `adapter`. Free it after use. */
export async function createSchemaEngine(adapter: SqlMigrationAwareDriverAdapterFactory, schema: string): Promise<SchemaEngine> {
  await instantiateSchemaEngine();
  return glue.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
}
