import "server-only";
import { csvLine } from "@/lib/format/csv-cell";
import { queryTimeline, type TimelineRow } from "./find-run-timeline";
import type { TimelineFilters } from "./timeline-filters";
import { timelineKeyOf } from "./timeline-cursor";

const BATCH = 1_000;
const CSV_COLUMNS = ["kind", "id", "created_at", "type", "actor_type", "actor_id", "user_id", "severity", "message", "endpoint", "trace_id", "stack", "data"] as const;
/** The explorer's rows come from many runs and projects: its export says which. */
const PLACE_COLUMNS = ["project_id", "run_id"] as const;

function toRecord(row: TimelineRow, withPlace: boolean) {
  return {
    ...(withPlace ? { projectId: row.projectId, runId: row.runId } : {}),
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
function toJson(row: TimelineRow, withPlace: boolean): string {
  const json = JSON.stringify(toRecord(row, withPlace));
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
  return exportTimelineRows({ format, withPlace: false, read: (after, take) => queryTimeline({ runId, filters, desc: order === "desc", after: after ? { key: timelineKeyOf(after), op: order === "desc" ? "<" : ">" } : null, take }) });
}

/**
 * Any ordered read of timeline rows (a run's, a search's) streamed in one of the export
 * formats, in batches, with the run export's escaping. `withPlace` adds each row's
 * project_id and run_id.
 */
export function exportTimelineRows({
  format,
  withPlace,
  read,
}: {
  format: "csv" | "ndjson" | "json";
  withPlace: boolean;
  /** The `take` rows after `after` (null: from the start), in the export's order. */
  read: (after: TimelineRow | null, take: number) => Promise<TimelineRow[]>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: TimelineRow | null = null;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = "";
        if (!started) {
          started = true;
          if (format === "csv") chunk += csvLine(withPlace ? [...CSV_COLUMNS, ...PLACE_COLUMNS] : CSV_COLUMNS);
          if (format === "json") chunk += "[";
        }
        const rows = await read(after, BATCH);
        for (const row of rows) {
          if (format === "csv") {
            const record = toRecord(row, false);
            const cells = [record.kind, record.id, record.createdAt, record.type, record.actorType, record.actorId, record.userId, record.severity, record.message, record.endpoint, record.traceId, record.stack, row.dataText ?? "null"];
            chunk += csvLine(withPlace ? [...cells, row.projectId, row.runId] : cells);
          } else if (format === "ndjson") {
            chunk += toJson(row, withPlace) + "\n";
          } else {
            chunk += (first ? "\n" : ",\n") + toJson(row, withPlace);
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
    },
    // A batch is read when the client asks for it, not one ahead: a client that went away
    // leaves no query running behind it.
    { highWaterMark: 0 },
  );
}
