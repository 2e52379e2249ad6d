import "server-only";
import type { IngestTransaction } from "./run-ingest-transaction";

export interface ItemContext {
  projectId?: string;
  runId?: string;
  createdAt: Date;
}

/**
 * Creates the projects and runs the items name that do not exist yet, one statement per
 * table, inside the caller's transaction. ON CONFLICT DO NOTHING lets concurrent
 * requests naming the same new project both succeed; sorted ids make every transaction
 * take row locks in the same order, so two batches cannot deadlock on each other.
 * A new project is named after its id; a new run starts at its earliest item.
 */
export async function insertProjectsAndRuns(sql: IngestTransaction, items: readonly ItemContext[]): Promise<void> {
  const projectIds = new Set<string>();
  const runs = new Map<string, { projectId: string | null; startedAt: Date }>();
  for (const item of items) {
    if (item.projectId) projectIds.add(item.projectId);
    if (!item.runId) continue;
    const run = runs.get(item.runId);
    if (!run) runs.set(item.runId, { projectId: item.projectId ?? null, startedAt: item.createdAt });
    else {
      run.projectId ??= item.projectId ?? null;
      if (item.createdAt < run.startedAt) run.startedAt = item.createdAt;
    }
  }

  if (projectIds.size) {
    const ids = [...projectIds].sort();
    await sql(
      `INSERT INTO projects (id, name)
       SELECT id, id FROM unnest($1::text[]) AS t(id)
       ON CONFLICT (id) DO NOTHING`,
      [ids],
    );
  }
  if (runs.size) {
    const ids = [...runs.keys()].sort();
    const projects = ids.map((id) => runs.get(id)!.projectId);
    const startedAt = ids.map((id) => runs.get(id)!.startedAt.toISOString());
    // A run first seen without a project gets one as soon as an item names both.
    await sql(
      `INSERT INTO runs (id, project_id, started_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET project_id = EXCLUDED.project_id
       WHERE runs.project_id IS NULL AND EXCLUDED.project_id IS NOT NULL`,
      [ids, projects, startedAt],
    );
  }
}
