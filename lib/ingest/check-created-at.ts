// createdAt may not be further ahead of the time of receipt than INGEST_MAX_FUTURE_SECONDS
// (clock skew is allowed for; a timestamp from next week is a bug, and would sit at the
// top of every "newest first" view). Absent, it becomes the time of receipt when stored.

export function checkCreatedAt(
  item: { createdAt?: Date },
  { now, maxFutureSeconds }: { now: Date; maxFutureSeconds: number },
): { field: string; message: string } | null {
  if (!item.createdAt || item.createdAt.getTime() <= now.getTime() + maxFutureSeconds * 1000) return null;
  return { field: "createdAt", message: `is more than ${maxFutureSeconds} seconds in the future (INGEST_MAX_FUTURE_SECONDS)` };
}
