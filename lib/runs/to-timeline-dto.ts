// What the timeline's client components get for a row: plain strings, the JSON as one
// line of text (pretty-printed when a row is opened), nothing Prisma-shaped.
import type { TimelineRow } from "./find-run-timeline";

export interface TimelineRowDto {
  kind: "event" | "error";
  id: string;
  createdAt: string;
  /** Milliseconds since the run started (negative if before). */
  sinceStartMs: number;
  type: string;
  actor: string | null;
  severity: string | null;
  message: string | null;
  endpoint: string | null;
  traceId: string | null;
  stack: string | null;
  /** payload or detail as one line of JSON text (`{"a": 1}`); "null" when there is none. */
  dataJson: string;
}

export function toTimelineRowDto(row: TimelineRow, runStartedAt: Date): TimelineRowDto {
  return {
    kind: row.kind,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    sinceStartMs: row.createdAt.getTime() - runStartedAt.getTime(),
    type: row.type,
    actor: row.actorType ? `${row.actorType}${row.actorId ? `:${row.actorId}` : ""}` : null,
    severity: row.severity,
    message: row.message,
    endpoint: row.endpoint,
    traceId: row.traceId,
    stack: row.stack,
    // As the database wrote it: one readable line, no pretty-printing on the server for
    // 100 rows of which a few are opened (the detail pretty-prints its own).
    dataJson: row.dataText ?? "null",
  };
}
