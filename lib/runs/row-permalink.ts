// Links into a run's timeline that every page makes (a row's permalink, the run itself).
// No dependencies, so a client component that only links to a row does not bring in the
// timeline's URL parsers (./timeline-filters.ts, whose `at` this sets).

/** The run page's path. */
export function runPath(runId: string): string {
  return `/runs/${encodeURIComponent(runId)}`;
}

/** The fragment that scrolls a timeline to a row (its `<tr id="row-…">`). */
export function rowFragment(rowId: string): string {
  return `#row-${encodeURIComponent(rowId)}`;
}

/** A row's permalink: the run's timeline at the row (`at`), scrolled to it; percent-encoded, as permalinks always were. */
export function runRowHref(runId: string, rowId: string): string {
  return `${runPath(runId)}?at=${encodeURIComponent(rowId)}${rowFragment(rowId)}`;
}
