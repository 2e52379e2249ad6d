// Timestamps that come from users (keyset cursors, URLs) are bounded before any query sees
// them. Every stored row is from 1970 on (ingestion refuses earlier createdAt), so an
// earlier position names nothing; and near year 0 PostgreSQL refuses the value itself, or
// the query's arithmetic on it (live mode looks 10 minutes back), with SQLSTATE 22008: a
// 500 for a forged cursor. JavaScript dates reach ±275760 years, PostgreSQL's 294276 AD:
// the upper bound keeps four-digit years, which every ISO reader agrees on.
import { z } from "zod";

/** The earliest instant a user-supplied timestamp may name. */
export const EARLIEST_USER_TIMESTAMP = Date.UTC(1970, 0, 1);
/** The latest: the last millisecond of year 9999. */
export const LATEST_USER_TIMESTAMP = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** True for a valid date within the bounds above. */
export function isWithinUserTimestampBounds(date: Date): boolean {
  const time = date.getTime();
  return Number.isFinite(time) && time >= EARLIEST_USER_TIMESTAMP && time <= LATEST_USER_TIMESTAMP;
}

/** An ISO-8601 UTC timestamp string within the bounds, as a Date. */
export const ZUserTimestampSchema = z.iso
  .datetime()
  .transform((iso) => new Date(iso))
  .refine(isWithinUserTimestampBounds, "must be between 1970-01-01 and 9999-12-31");
