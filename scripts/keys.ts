// npm run keys -- create --name N [--project P] | list [--json] | revoke <id>
// Ingest keys from the command line. `create` prints the key alone on stdout (so scripts
// can capture it) and everything else on stderr; the key is shown only this once.
// Embedded PGlite admits one process: with the embedded database, stop the server first.
import { parseArgs } from "node:util";
import { database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createIngestKey } from "@/lib/ingest-keys/create-ingest-key";
import { findIngestKeys } from "@/lib/ingest-keys/find-ingest-keys";
import { ZCreateIngestKeyInputSchema, ZIngestKeyIdSchema } from "@/lib/ingest-keys/ingest-key-input";
import { revokeIngestKey } from "@/lib/ingest-keys/revoke-ingest-key";
import { isMainModule, runCli, type CliIo } from "./cli";

const USAGE = "usage: npm run keys -- create --name <name> [--project <projectId>] | list [--json] | revoke <id>";

class UsageError extends Error {}

/** `npm run keys -- …argv`: its exit code (2: a mistake on the command line, said with what to type). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof UsageError) && !(typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) throw error;
    io.err((error as Error).message);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { name: { type: "string" }, project: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) throw new UsageError(USAGE);

  if (command === "create") {
    if (rest.length) throw new UsageError(USAGE);
    const parsed = ZCreateIngestKeyInputSchema.safeParse({ name: values.name ?? "", projectId: values.project });
    if (!parsed.success) throw new UsageError(`${parsed.error.issues.map((issue) => issue.message).join(" ")}\n${USAGE}`);
    await migrate(database());
    const created = await createIngestKey({ ...parsed.data, createdById: null });
    io.err(`Created ingest key "${created.name}" (id ${created.id}) for ${created.projectId ? `project ${created.projectId}` : "every project"}.`);
    io.err("Store it now: it is shown only this once.");
    io.out(created.key);
  } else if (command === "list") {
    await migrate(database());
    const keys = await findIngestKeys();
    if (values.json) return io.out(JSON.stringify(keys, null, 2));
    if (!keys.length) return io.err("No ingest keys yet. Create one with: npm run keys -- create --name <name>");
    const rows = keys.map((k) => [k.id, k.name, `${k.prefix}…`, k.projectId ?? "(every project)", k.createdAt.toISOString(), k.lastUsedAt?.toISOString() ?? "never", k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active"]);
    printTable(io, ["ID", "NAME", "KEY", "PROJECT", "CREATED", "LAST USED", "STATUS"], rows);
  } else if (command === "revoke") {
    const parsed = ZIngestKeyIdSchema.safeParse(rest[0] ?? "");
    if (!parsed.success || rest.length !== 1) throw new UsageError(`revoke takes one key id (see npm run keys -- list)\n${USAGE}`);
    await migrate(database());
    const result = await revokeIngestKey({ id: parsed.data });
    if (result === "not_found") throw new UsageError(`No ingest key has the id ${parsed.data}.`);
    io.err(result === "revoked" ? `Revoked ingest key ${parsed.data}.` : `Ingest key ${parsed.data} was already revoked.`);
  } else {
    throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
  }
}

function printTable(io: CliIo, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
}

if (isMainModule(import.meta.url)) await runCli(main, { exitWhenDone: true });
