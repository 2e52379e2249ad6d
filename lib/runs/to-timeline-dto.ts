// What the timeline's client components get for a row: plain strings, the JSON as one
// line of text (pretty-printed when a row is opened), nothing Prisma-shaped. A field a
// row does not have is left out, not null: a page sends 100 of these in its RSC payload,
// and an event row has no severity, message, endpoint, trace or stack.
import type { TimelineRow } from "./find-run-timeline";

export interface TimelineRowDto {
  kind: "event" | "error";
  id: string;
  createdAt: string;
  /** Milliseconds since the run started (negative if before). */
  sinceStartMs: number;
  type: string;
  actor?: string;
  severity?: string;
  message?: string;
  endpoint?: string;
  traceId?: string;
  stack?: string;
  /** payload or detail as one line of JSON text (`{"a": 1}`); "null" when there is none. */
  dataJson: string;
}

export function toTimelineRowDto(row: TimelineRow, runStartedAt: Date): TimelineRowDto {
  const dto: TimelineRowDto = {
    kind: row.kind,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    sinceStartMs: row.createdAt.getTime() - runStartedAt.getTime(),
    type: row.type,
    // As the database wrote it: one readable line, no pretty-printing on the server for
    // 100 rows of which a few are opened (the detail pretty-prints its own).
    dataJson: row.dataText ?? "null",
  };
  if (row.actorType) dto.actor = `${row.actorType}${row.actorId ? `:${row.actorId}` : ""}`;
  if (row.severity !== null) dto.severity = row.severity;
  if (row.message !== null) dto.message = row.message;
  if (row.endpoint !== null) dto.endpoint = row.endpoint;
  if (row.traceId !== null) dto.traceId = row.traceId;
  if (row.stack !== null) dto.stack = row.stack;
  return dto;
}
