// npm run db:migrate — apply prisma/migrations to the configured database; idempotent.
import { closeDatabase, configuredTarget, database, describeTarget } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { runCli } from "./cli";

await runCli(async () => {
  console.log(`Migrating ${describeTarget(configuredTarget())} …`);
  const applied = await migrate(database());
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date: nothing to apply.");
  await closeDatabase();
}, { exitWhenDone: true });
