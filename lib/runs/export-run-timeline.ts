import "server-only";
import { csvLine } from "@/lib/format/csv-cell";
import { queryTimeline, type TimelineRow } from "./find-run-timeline";
import type { TimelineFilters } from "./timeline-filters";
import { timelineKeyOf } from "./timeline-cursor";

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
  };
}

/** A row as one JSON object, its data last and exactly as stored (parsing it would round long numbers). */
function toJson(row: TimelineRow): string {
  const json = JSON.stringify(toRecord(row));
  return `${json.slice(0, -1)},"data":${row.dataText ?? "null"}}`;
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
        after: after ? { key: timelineKeyOf(after), op: order === "desc" ? "<" : ">" } : null,
        take: BATCH,
      });
      for (const row of rows) {
        if (format === "csv") {
          const record = toRecord(row);
          chunk += csvLine([record.kind, record.id, record.createdAt, record.type, record.actorType, record.actorId, record.userId, record.severity, record.message, record.endpoint, record.traceId, record.stack, row.dataText ?? "null"]);
        } else if (format === "ndjson") {
          chunk += toJson(row) + "\n";
        } else {
          chunk += (first ? "\n" : ",\n") + toJson(row);
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
