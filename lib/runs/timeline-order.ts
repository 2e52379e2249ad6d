// The run timeline's total order — created_at, then id, then kind — in one place for the
// server (cursors, live windows) and the browser (merging live rows into a page). No
// dependencies, so client components can import it.

/** What the order looks at: `createdAt` as a Date (server rows) or an ISO string (rows sent to the browser). */
export interface TimelineOrdered {
  createdAt: Date | string;
  id: string;
  kind: string;
}

const timeOf = (createdAt: Date | string) => (typeof createdAt === "string" ? Date.parse(createdAt) : createdAt.getTime());

/** Negative when `a` comes first in the timeline (oldest first), positive when `b` does, 0 for the same row. */
export function compareTimelineKeys(a: TimelineOrdered, b: TimelineOrdered): number {
  const t = timeOf(a.createdAt) - timeOf(b.createdAt);
  if (t !== 0) return t < 0 ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return 0;
}
