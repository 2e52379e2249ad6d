// What the timeline's client components get for a row: plain strings, the JSON already
// pretty-printed, nothing Prisma-shaped.
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
  dataJson: string;
}

export function toTimelineRowDto(row: TimelineRow, runStartedAt: Date): TimelineRowDto {
  let dataJson: string;
  try {
    dataJson = JSON.stringify(row.data ?? null, null, 2);
  } catch {
    dataJson = String(row.data);
  }
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
    dataJson,
  };
}
