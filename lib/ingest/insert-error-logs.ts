import "server-only";
import type { IngestTransaction } from "./run-ingest-transaction";

export interface ErrorLogRow {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  stack?: string;
  /** Serialized JSON, already scrubbed; undefined stores SQL NULL. */
  detail?: string;
  projectId?: string;
  runId?: string;
  endpoint?: string;
  severity: string;
  createdAt: Date;
}

/** As insertEventLogs: one unnest statement, already-stored ids skipped, id order. */
export async function insertErrorLogs(sql: IngestTransaction, rows: readonly ErrorLogRow[]): Promise<number> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = <K extends keyof ErrorLogRow>(key: K) => sorted.map((row) => row[key] ?? null);
  const { rowCount } = await sql(
    `INSERT INTO error_logs (id, trace_id, error_type, message, stack, detail, project_id, run_id, endpoint, severity, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
     ON CONFLICT (id) DO NOTHING`,
    [
      column("id"), column("traceId"), column("errorType"), column("message"), column("stack"), column("detail"),
      column("projectId"), column("runId"), column("endpoint"), column("severity"), sorted.map((row) => row.createdAt.toISOString()),
    ],
  );
  return rowCount;
}
