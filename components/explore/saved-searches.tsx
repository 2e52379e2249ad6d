"use client";
// Save the current query and range under a name; reopen or delete saved ones. Shared
// searches (an admin's choice) are listed for everyone.
import Link from "next/link";
import { useActionState } from "react";
import { deleteSearchAction, saveSearchAction, type SavedSearchState } from "@/app/explore/actions";
import { exploreHref, type RangePreset } from "@/lib/explore/explore-url";
import { showBidiControls } from "@/lib/format/split-links";
import type { SavedSearchDto } from "@/lib/saved-searches/find-saved-searches";

export function SavedSearches({
  base,
  current,
  projectId,
  isAdmin,
  saved,
}: {
  base: string;
  current: { q: string; range: string | null; from: string | null; to: string | null };
  projectId: string | null;
  isAdmin: boolean;
  saved: SavedSearchDto[];
}) {
  const [state, save, saving] = useActionState<SavedSearchState, FormData>(saveSearchAction, {});
  const [deleted, remove] = useActionState<SavedSearchState, FormData>(deleteSearchAction, {});
  return (
    <details className="rounded border border-slate-200 bg-white text-sm">
      <summary className="cursor-pointer px-3 py-1.5">Saved searches ({saved.length})</summary>
      <div className="space-y-3 border-t border-slate-200 p-3">
        <form action={save} aria-label="Save this search" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-600">
            Name
            <input name="name" required maxLength={100} className="rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <input type="hidden" name="query" value={current.q} />
          {current.range ? <input type="hidden" name="range" value={current.range} /> : null}
          {current.from ? <input type="hidden" name="from" value={current.from} /> : null}
          {current.to ? <input type="hidden" name="to" value={current.to} /> : null}
          {projectId ? <input type="hidden" name="projectId" value={projectId} /> : null}
          {isAdmin ? (
            <label className="flex items-center gap-1 text-xs text-slate-600">
              <input type="checkbox" name="shared" /> Share with everyone
            </label>
          ) : null}
          <button type="submit" disabled={saving} className="rounded bg-slate-800 px-2 py-1 text-white hover:bg-slate-700 disabled:opacity-60">
            {saving ? "Saving…" : "Save search"}
          </button>
        </form>
        {state.error || deleted.error ? (
          <p role="alert" className="text-xs text-red-700">
            {state.error ?? deleted.error}
          </p>
        ) : state.saved ? (
          <p role="status" className="text-xs text-emerald-700">
            Saved “{showBidiControls(state.saved)}”.
          </p>
        ) : null}
        {saved.length ? (
          <ul className="space-y-1" aria-label="Saved searches">
            {saved.map((s) => (
              <li key={s.id} className="flex items-center gap-2">
                <Link
                  href={exploreHref(base, { q: s.query, range: (s.range as RangePreset | null) ?? undefined, from: s.from ? new Date(s.from) : null, to: s.to ? new Date(s.to) : null })}
                  className="min-w-0 truncate text-sky-700 hover:underline"
                  title={s.query}
                >
                  {showBidiControls(s.name)}
                </Link>
                {s.shared ? <span className="rounded bg-sky-50 px-1 text-xs text-sky-800">shared</span> : null}
                <span className="truncate text-xs text-slate-500">{showBidiControls(s.ownerEmail)}</span>
                {s.deletable ? (
                  <form action={remove} className="ml-auto">
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" className="text-xs text-slate-500 hover:text-red-700" aria-label={`Delete saved search ${showBidiControls(s.name)}`}>
                      Delete
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-slate-500">None yet.</p>
        )}
      </div>
    </details>
  );
}
