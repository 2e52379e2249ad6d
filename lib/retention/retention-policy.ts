import { env } from "@/lib/env";

export interface RetentionPolicy {
  eventDays: number;
  errorDays: number;
}

/** The policy in force, from EVENT_RETENTION_DAYS / ERROR_RETENTION_DAYS (a bad value throws ConfigError). */
export function getRetentionPolicy(): RetentionPolicy {
  const { EVENT_RETENTION_DAYS, ERROR_RETENTION_DAYS } = env();
  return { eventDays: EVENT_RETENTION_DAYS, errorDays: ERROR_RETENTION_DAYS };
}
