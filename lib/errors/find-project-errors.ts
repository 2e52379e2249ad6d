import "server-only";
import { z } from "zod";
import { readPrisma } from "@/lib/db/client";
import { isStorableText } from "@/lib/format/storable-text";
import { ZUserTimestampSchema } from "@/lib/format/user-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorWindowWhere, type ErrorFilters } from "./find-error-overview";

export interface ProjectErrorRow {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  severity: string;
  endpoint: string | null;
  runId: string | null;
  createdAt: Date;
}

export interface ProjectErrorPage {
  rows: ProjectErrorRow[];
  /** Opaque cursor to the next (older) page. */
  next: string | null;
}

export const ERROR_PAGE_SIZE = 50;

// No row's id holds a NUL or an unpaired surrogate: such a cursor is ignored like any tampered one.
const ZCursorSchema = z.tuple([ZUserTimestampSchema, z.string().min(1).max(200).refine(isStorableText)]);

export function encodeErrorCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeErrorCursor(raw: string | undefined): { createdAt: Date; id: string } | null {
  if (!raw || raw.length > 400) return null;
  try {
    const parsed = ZCursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** A project's errors in a window, newest first, a keyset page at a time. */
export async function findProjectErrors({
  projectId,
  since,
  until,
  filters,
  cursor,
  limit = ERROR_PAGE_SIZE,
}: {
  projectId: string;
  since: Date;
  until: Date;
  filters: ErrorFilters;
  cursor: string | undefined;
  limit?: number;
}): Promise<ProjectErrorPage> {
  const after = decodeErrorCursor(cursor);
  const take = Math.min(Math.max(limit, 1), 500);
  const rows = await readPrisma().$queryRaw<{ id: string; trace_id: string; error_type: string; message: string; severity: string; endpoint: string | null; run_id: string | null; created_at: Date }[]>(
    buildProjectErrorsSql({ projectId, since, until, filters, after, take: take + 1 }),
  );
  const page = rows.slice(0, take).map((r) => ({
    id: r.id,
    traceId: r.trace_id,
    errorType: r.error_type,
    message: r.message,
    severity: r.severity,
    endpoint: r.endpoint,
    runId: r.run_id,
    createdAt: new Date(r.created_at),
  }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > take && last ? encodeErrorCursor(last) : null };
}

/** The list's statement; the benchmark runs it raw. */
export function buildProjectErrorsSql({
  projectId,
  since,
  until,
  filters,
  after,
  take,
}: {
  projectId: string;
  since: Date;
  until: Date;
  filters: ErrorFilters;
  after: { createdAt: Date; id: string } | null;
  take: number;
}): Prisma.Sql {
  return Prisma.sql`
    SELECT id, trace_id, error_type, left(message, 1000) AS message, severity, endpoint, run_id, created_at
    FROM error_logs
    WHERE ${errorWindowWhere({ projectId, since, until, filters })}
      ${after ? Prisma.sql`AND (created_at, id) < (${after.createdAt}::timestamptz, ${after.id})` : Prisma.empty}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}`;
}
