// `prisma generate`, offline. The Prisma CLI wants a schema-engine binary it would
// download from a host these machines cannot reach; generate does not use it, so any
// existing executable satisfies the check (see the environment guide).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const cli = "node_modules/prisma/build/index.js";
if (!existsSync(cli)) {
  console.error("prisma-generate: the prisma package is not installed; run npm install");
  process.exit(1);
}
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
