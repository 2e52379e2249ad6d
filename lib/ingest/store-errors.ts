import "server-only";
import { newId } from "@/lib/ids";
import { insertErrorLogs } from "./insert-error-logs";
import { insertProjectsAndRuns } from "./insert-projects-and-runs";
import type { TErrorItem } from "./item-schemas";
import { runIngestTransaction } from "./run-ingest-transaction";

/** Stores validated errors atomically; their ids (given or made here) in request order. */
export async function storeErrors(items: readonly TErrorItem[], receivedAt: Date): Promise<string[]> {
  const rows = items.map((item) => ({ ...item, id: item.id ?? newId(), createdAt: item.createdAt ?? receivedAt }));
  await runIngestTransaction(async (sql) => {
    await insertProjectsAndRuns(sql, rows);
    await insertErrorLogs(sql, rows);
  });
  return rows.map((row) => row.id);
}
