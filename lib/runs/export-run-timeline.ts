import "server-only";
import { csvLine } from "@/lib/format/csv-cell";
import { queryTimeline, type TimelineRow } from "./find-run-timeline";
import type { TimelineFilters } from "./timeline-filters";

const BATCH = 1_000;
const CSV_COLUMNS = ["kind", "id", "created_at", "type", "actor_type", "actor_id", "user_id", "severity", "message", "endpoint", "trace_id", "stack", "data"] as const;

function toRecord(row: TimelineRow) {
  return {
    kind: row.kind,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    type: row.type,
    actorType: row.actorType,
    actorId: row.actorId,
    userId: row.userId,
    severity: row.severity,
    message: row.message,
    endpoint: row.endpoint,
    traceId: row.traceId,
    stack: row.stack,
    data: row.data,
  };
}

/**
 * A run's filtered timeline as a byte stream (CSV, NDJSON or one JSON array), read in
 * keyset batches of BATCH rows as the client pulls: memory stays flat for runs of any
 * size, and a client that goes away stops the reads.
 */
export function exportRunTimeline({
  runId,
  filters,
  order,
  format,
}: {
  runId: string;
  filters: TimelineFilters;
  order: "desc" | "asc";
  format: "csv" | "ndjson" | "json";
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: TimelineRow | null = null;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!started) {
        started = true;
        if (format === "csv") chunk += csvLine(CSV_COLUMNS);
        if (format === "json") chunk += "[";
      }
      const rows = await queryTimeline({
        runId,
        filters,
        desc: order === "desc",
        after: after ? { key: { createdAt: after.createdAt, id: after.id, kind: after.kind }, op: order === "desc" ? "<" : ">" } : null,
        take: BATCH,
      });
      for (const row of rows) {
        const record = toRecord(row);
        if (format === "csv") {
          chunk += csvLine([record.kind, record.id, record.createdAt, record.type, record.actorType, record.actorId, record.userId, record.severity, record.message, record.endpoint, record.traceId, record.stack, JSON.stringify(record.data ?? null)]);
        } else if (format === "ndjson") {
          chunk += JSON.stringify(record) + "\n";
        } else {
          chunk += (first ? "\n" : ",\n") + JSON.stringify(record);
          first = false;
        }
      }
      after = rows[rows.length - 1] ?? after;
      if (rows.length < BATCH) {
        if (format === "json") chunk += "\n]\n";
        if (chunk) controller.enqueue(encoder.encode(chunk));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
