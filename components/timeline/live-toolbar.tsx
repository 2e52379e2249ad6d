"use client";
import type { useLiveRows } from "./use-live-rows";

/** Live mode's switch and what it is doing, above the timeline. */
export function LiveToolbar({ live, intervalMs }: { live: ReturnType<typeof useLiveRows>; intervalMs: number }) {
  return (
    <div className="mb-2 flex items-center gap-3 text-sm">
      <button
        type="button"
        onClick={live.toggle}
        aria-pressed={live.on}
        className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {live.on ? "● Live: on" : "○ Live: off"}
      </button>
      <span role="status" className="text-slate-500">
        {live.signedOut ? (
          <>
            Your session has ended, so live mode stopped.{" "}
            {/* Rendered only after a poll, in the browser: the page to come back to is this one. */}
            <a href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="text-sky-700 hover:underline">
              Sign in again
            </a>
          </>
        ) : live.on ? (
          `Checking for new rows every ${intervalMs / 1000} s`
        ) : (
          "Live mode paused"
        )}
        {live.newCount ? ` · ${live.newCount} new` : ""}
        {live.error ? ` · ${live.error}` : ""}
      </span>
    </div>
  );
}
