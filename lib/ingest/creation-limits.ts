import "server-only";
// Caps on what one ingest key may create: new projects and new runs per hour
// (INGEST_MAX_NEW_PROJECTS_PER_HOUR, INGEST_MAX_NEW_RUNS_PER_HOUR), counted in
// limit_counters so every instance shares them. Ingestion creates a project or run the
// first time an item names it; without a cap one key made 100,000 projects in 6 s. A batch
// that would pass a cap is refused whole (429, nothing stored) before the insert.
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { consumeLimitCounter } from "@/lib/limits/consume-limit-counter";

const HOUR_MS = 60 * 60 * 1000;

// Ids this process has seen stored: no query for them. Bounded; cleared when full.
const MAX_KNOWN = 50_000;
const known = ((globalThis as { __logdeckKnownOwners?: { projects: Set<string>; runs: Set<string> } }).__logdeckKnownOwners ??= { projects: new Set(), runs: new Set() });

function remember(set: Set<string>, ids: Iterable<string>): void {
  for (const id of ids) {
    if (set.size >= MAX_KNOWN) set.clear();
    set.add(id);
  }
}

/** The ids among `projectIds` and `runIds` that no row has yet. */
async function findNewIds(projectIds: string[], runIds: string[]): Promise<{ projects: string[]; runs: string[] }> {
  const askProjects = projectIds.filter((id) => !known.projects.has(id));
  const askRuns = runIds.filter((id) => !known.runs.has(id));
  if (askProjects.length === 0 && askRuns.length === 0) return { projects: [], runs: [] };
  const rows = await database().statement<{ kind: string; id: string }>(
    `SELECT 'p' AS kind, id FROM projects WHERE id = ANY($1::text[]) UNION ALL SELECT 'r' AS kind, id FROM runs WHERE id = ANY($2::text[])`,
    [askProjects, askRuns],
    { name: "logdeck_creation_limits_existing" },
  );
  const existing = { projects: new Set<string>(), runs: new Set<string>() };
  for (const row of rows) (row.kind === "p" ? existing.projects : existing.runs).add(row.id);
  remember(known.projects, existing.projects);
  remember(known.runs, existing.runs);
  return { projects: askProjects.filter((id) => !existing.projects.has(id)), runs: askRuns.filter((id) => !existing.runs.has(id)) };
}

async function consume(kind: "projects" | "runs", keyId: string, count: number, cap: number, setting: string, now: Date): Promise<void> {
  if (count === 0) return;
  const used = await consumeLimitCounter({ key: `ingest-new-${kind}:${keyId}`, windowMs: HOUR_MS, now, by: count });
  if (used.count <= cap) return;
  const retryAfter = Math.max(1, Math.ceil((used.resetsAt.getTime() - now.getTime()) / 1000));
  throw new AppError("rate_limited", `This ingest key may create at most ${cap} new ${kind} an hour (${setting}); this request names ${count} new, past the cap. Nothing was stored; retry after ${retryAfter} s, or reuse existing ${kind}.`, {
    retryAfter,
    details: [{ field: kind === "projects" ? "projectId" : "runId", message: `${count} new ${kind} past the hourly cap of ${cap}`, limit: setting }],
  });
}

/**
 * 429 (nothing stored) when the items name more new projects or runs than the key may
 * still create this hour; otherwise counts them against the key.
 */
export async function assertCreationAllowed({ keyId, items, now = new Date() }: { keyId: string; items: readonly { projectId?: string; runId?: string }[]; now?: Date }): Promise<void> {
  const projectIds = [...new Set(items.flatMap((item) => (item.projectId === undefined ? [] : [item.projectId])))];
  const runIds = [...new Set(items.flatMap((item) => (item.runId === undefined ? [] : [item.runId])))];
  if (projectIds.length === 0 && runIds.length === 0) return;
  const fresh = await findNewIds(projectIds, runIds);
  const { INGEST_MAX_NEW_PROJECTS_PER_HOUR, INGEST_MAX_NEW_RUNS_PER_HOUR } = env();
  await consume("projects", keyId, fresh.projects.length, INGEST_MAX_NEW_PROJECTS_PER_HOUR, "INGEST_MAX_NEW_PROJECTS_PER_HOUR", now);
  await consume("runs", keyId, fresh.runs.length, INGEST_MAX_NEW_RUNS_PER_HOUR, "INGEST_MAX_NEW_RUNS_PER_HOUR", now);
}

/** For tests: forget which ids were seen stored. */
export function clearKnownOwners(): void {
  known.projects.clear();
  known.runs.clear();
}
