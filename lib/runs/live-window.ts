// Live mode's trailing window, shared by the live route and the browser (which forgets
// the keys of rows that have fallen out of it: they cannot come back).

/** How far before the newest row a view has live mode still looks for rows delivered late. */
export const LIVE_LOOKBACK_MS = 10 * 60_000;

/** Rows per live response; a window holding more is read on page by page. */
export const LIVE_PAGE_ROWS = 200;

/** Pages one poll reads at most; a window still not read through is resumed by the next poll. */
export const LIVE_MAX_PAGES_PER_POLL = 5;

/** What the run page gives its timeline for live mode (components/timeline/use-live-rows.ts). */
export interface LiveOptions {
  /** Opaque cursor of the newest row shown; live mode re-reads a window before it and everything after. */
  after: string | null;
  /** Opaque cursor of the bottom row shown when older pages exist: live mode reads nothing at or below it. */
  floor: string | null;
  /** The timeline's filters as a query string, so live rows obey them too. */
  query: string;
  intervalMs: number;
  /** Start polling at once (the run is still running). */
  startOn: boolean;
}
