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
 * size, and a client that goes away stops the reads. The first batch is read before it
 * resolves (see exportTimelineRows).
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
}): Promise<ReadableStream<Uint8Array>> {
  return exportTimelineRows({ format, withPlace: false, read: (after, take) => queryTimeline({ runId, filters, desc: order === "desc", after: after ? { key: timelineKeyOf(after), op: order === "desc" ? "<" : ">" } : null, take }) });
}

/**
 * Any ordered read of timeline rows (a run's, a search's) streamed in one of the export
 * formats, in batches, with the run export's escaping. `withPlace` adds each row's
 * project_id and run_id.
 *
 * The first batch is read before the stream is handed over: a database that is busy
 * (a lock timeout) or down rejects here, while the route can still answer 503 with
 * Retry-After — once a 200 has started there is no status left to say it with (a locked
 * event_logs gave curl an empty reply). A later batch that fails errors the stream: the
 * client sees the download cut short, never a truncated file that looks complete.
 */
export async function exportTimelineRows({
  format,
  withPlace,
  read,
}: {
  format: "csv" | "ndjson" | "json";
  withPlace: boolean;
  /** The `take` rows after `after` (null: from the start), in the export's order. */
  read: (after: TimelineRow | null, take: number) => Promise<TimelineRow[]>;
}): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let after: TimelineRow | null = null;
  let first = true;
  // The next batch as text, and whether it was the last.
  const nextBatch = async (): Promise<{ text: string; last: boolean }> => {
    const rows = await read(after, BATCH);
    let text = "";
    for (const row of rows) {
      if (format === "csv") {
        const record = toRecord(row, false);
        const cells = [record.kind, record.id, record.createdAt, record.type, record.actorType, record.actorId, record.userId, record.severity, record.message, record.endpoint, record.traceId, record.stack, row.dataText ?? "null"];
        text += csvLine(withPlace ? [...cells, row.projectId, row.runId] : cells);
      } else if (format === "ndjson") {
        text += toJson(row, withPlace) + "\n";
      } else {
        text += (first ? "\n" : ",\n") + toJson(row, withPlace);
        first = false;
      }
    }
    after = rows[rows.length - 1] ?? after;
    const last = rows.length < BATCH;
    if (last && format === "json") text += "\n]\n";
    return { text, last };
  };
  const head = format === "csv" ? csvLine(withPlace ? [...CSV_COLUMNS, ...PLACE_COLUMNS] : CSV_COLUMNS) : format === "json" ? "[" : "";
  const opening = await nextBatch();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const text = head + opening.text;
        if (text) controller.enqueue(encoder.encode(text));
        if (opening.last) controller.close();
      },
      async pull(controller) {
        const { text, last } = await nextBatch();
        if (text) controller.enqueue(encoder.encode(text));
        if (last) controller.close();
      },
    },
    // A batch is read when the client asks for it, not one ahead: a client that went away
    // leaves no query running behind it.
    { highWaterMark: 0 },
  );
}
