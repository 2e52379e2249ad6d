// npm run db:new-migration -- <name>
// Writes the SQL that brings prisma/migrations up to prisma/schema.prisma into a new
// migration folder, as `prisma migrate dev --create-only` would, but offline: Prisma's
// WASM schema engine replays the migrations into an in-memory PGlite shadow database.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openPgliteMigrationTarget } from "@/lib/db/pglite-extensions";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "@/lib/db/schema-engine";
import { runCli } from "./cli";

await runCli(async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:new-migration -- <name>   (lower case letters, digits and _)");
    process.exitCode = 2;
    return;
  }
  const shadow = openPgliteMigrationTarget();
  try {
    const sql = await diffMigrationsToSchema(shadow.adapter);
    if (!sql.trim()) {
      console.log("prisma/schema.prisma and prisma/migrations agree: no migration to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then npm run db:migrate.`);
  } finally {
    await shadow.close();
  }
}, { exitWhenDone: true });
