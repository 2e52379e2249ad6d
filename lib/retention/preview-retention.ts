import "server-only";
import { prisma } from "@/lib/db/client";
import { countExpiredRows } from "./delete-expired-rows";
import { cutoffSql, getRetentionPolicy, type RetentionPolicy } from "./retention-policy";

export interface RetentionPreview {
  policy: RetentionPolicy;
  eventCutoff: string;
  errorCutoff: string;
  /** Rows a run started now would delete. */
  events: number;
  errors: number;
}

/** The policy in force, the cutoffs it gives right now, and what a run would delete. Records nothing. */
export async function previewRetention(): Promise<RetentionPreview> {
  const policy = getRetentionPolicy();
  // The same expression the job uses (the database's clock), read back as epoch ms.
  const rows = await prisma().$queryRaw<{ event_ms: bigint; error_ms: bigint }[]>`
    SELECT round(extract(epoch FROM date_trunc('milliseconds', ${cutoffSql(policy.eventDays)})) * 1000)::bigint AS event_ms,
           round(extract(epoch FROM date_trunc('milliseconds', ${cutoffSql(policy.errorDays)})) * 1000)::bigint AS error_ms`;
  const eventCutoff = new Date(Number(rows[0]!.event_ms));
  const errorCutoff = new Date(Number(rows[0]!.error_ms));
  const [events, errors] = await Promise.all([
    countExpiredRows({ table: "event_logs", cutoff: eventCutoff }),
    countExpiredRows({ table: "error_logs", cutoff: errorCutoff }),
  ]);
  return { policy, eventCutoff: eventCutoff.toISOString(), errorCutoff: errorCutoff.toISOString(), events, errors };
}
