// Fails loudly when a Prisma upgrade moves what ./schema-engine-wasm.ts relies on: the
// wasm-bindgen glue's internals, the .wasm beside it, the engine matching the Prisma in
// use. Each failure names what to look at before upgrading. (The engine working through
// a driver adapter is proven by migrations.integration.test.ts: migrate and the drift check.)
import { existsSync, readFileSync } from "node:fs";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { describe, expect, it } from "vitest";
import { schemaEngineVersion, schemaEngineWasmPath } from "./schema-engine-wasm";

// Read from node_modules directly: the engine's package.json is not in its "exports".
const installed = (name: string): string => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
const declared = (JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> }).dependencies;

describe("@prisma/schema-engine-wasm as lib/db/schema-engine-wasm.ts drives it", () => {
  it("is pinned exactly, and is the engine of the Prisma in use", () => {
    const engine = declared["@prisma/schema-engine-wasm"]!;
    expect(engine, "package.json must pin @prisma/schema-engine-wasm to one exact version: it is driven through wasm-bindgen internals").toMatch(/^\d+\.\d+\.\d+-[\w.]+$/);
    expect(installed("@prisma/schema-engine-wasm")).toBe(engine);
    expect(engine.split("-")[0], `@prisma/schema-engine-wasm ${engine} is not the engine of prisma ${installed("prisma")}: upgrade both together (and re-run this file)`).toBe(installed("prisma"));
    expect(installed("@prisma/driver-adapter-utils")).toBe(installed("prisma"));
  });

  it("ships its .wasm beside the glue, and the glue still exposes the internals used", () => {
    expect(existsSync(schemaEngineWasmPath()), `no ${schemaEngineWasmPath()}: the package's layout changed`).toBe(true);
    const glue = bindings as unknown as Record<string, unknown>;
    for (const name of ["__wbg_set_wasm", "version"]) expect(typeof glue[name], `schema_engine_bg.${name} is gone: instantiateSchemaEngine() must change`).toBe("function");
    expect(typeof (glue.SchemaEngine as { new?: unknown } | undefined)?.new, "schema_engine_bg.SchemaEngine.new is gone").toBe("function");
  });

  it("instantiates, and reports the commit its package is named after", async () => {
    const commit = installed("@prisma/schema-engine-wasm").split(".").at(-1)!;
    expect(await schemaEngineVersion()).toContain(commit);
  });
});
