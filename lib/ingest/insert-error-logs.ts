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
export async function insertErrorLogs(tx: IngestTransaction, rows: readonly ErrorLogRow[]): Promise<number> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = <K extends keyof ErrorLogRow>(key: K) => sorted.map((row) => row[key] ?? null);
  return tx.$executeRaw`
    INSERT INTO error_logs (id, trace_id, error_type, message, stack, detail, project_id, run_id, endpoint, severity, created_at)
    SELECT * FROM unnest(
      ${column("id")}::text[], ${column("traceId")}::text[], ${column("errorType")}::text[],
      ${column("message")}::text[], ${column("stack")}::text[], ${column("detail")}::jsonb[],
      ${column("projectId")}::text[], ${column("runId")}::text[], ${column("endpoint")}::text[],
      ${column("severity")}::text[], ${sorted.map((row) => row.createdAt.toISOString())}::timestamptz[])
    ON CONFLICT (id) DO NOTHING`;
}
