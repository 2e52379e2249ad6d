import "server-only";
import { newId } from "@/lib/ids";
import { insertEventLogs } from "./insert-event-logs";
import { insertProjectsAndRuns } from "./insert-projects-and-runs";
import type { TEventItem } from "./item-schemas";
import { runIngestTransaction } from "./run-ingest-transaction";

/** Stores validated events atomically; their ids (given or made here) in request order. */
export async function storeEvents(items: readonly TEventItem[], receivedAt: Date): Promise<string[]> {
  const rows = items.map((item) => ({ ...item, id: item.id ?? newId(), createdAt: item.createdAt ?? receivedAt }));
  await runIngestTransaction(async (sql) => {
    await insertProjectsAndRuns(sql, rows);
    await insertEventLogs(sql, rows);
  });
  return rows.map((row) => row.id);
}
