import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

export interface RetentionPolicy {
  eventDays: number;
  errorDays: number;
}

/** The policy in force, from EVENT_RETENTION_DAYS / ERROR_RETENTION_DAYS (a bad value throws ConfigError). */
export function getRetentionPolicy(): RetentionPolicy {
  const { EVENT_RETENTION_DAYS, ERROR_RETENTION_DAYS } = env();
  return { eventDays: EVENT_RETENTION_DAYS, errorDays: ERROR_RETENTION_DAYS };
}

/**
 * The cutoff for a policy of `days` days, as SQL: `from` (the database's now() unless
 * given) less days × 24 hours. Hours, not days: `timestamptz - interval 'N days'` counts
 * calendar days in the session's time zone, so across a daylight-saving change it would
 * move the cutoff by an hour; hours are the same length in every zone.
 */
export function cutoffSql(days: number, from: Prisma.Sql = Prisma.sql`now()`): Prisma.Sql {
  return Prisma.sql`(${from} - make_interval(hours => ${days * 24}::int))`;
}
