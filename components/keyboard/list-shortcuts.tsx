"use client";
import { useCallback, useRef } from "react";
import { useHydrated } from "@/components/theme/use-hydrated";
import { LIST_SHORTCUTS, useListShortcuts, type ListShortcutOptions } from "./use-list-shortcuts";

/**
 * Keyboard shortcuts for the list on this page, and the `?` dialog that lists them. One per
 * page. For example, the errors list:
 *   <ListShortcuts rows='table[aria-label="Errors"] > tbody > tr' open='a[href^="/traces/"]' />
 * and a page with its own search box adds `search="#query"`.
 */
export function ListShortcuts(props: ListShortcutOptions) {
  const dialog = useRef<HTMLDialogElement>(null);
  const showHelp = useCallback(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useListShortcuts({ ...props, onHelp: showHelp });
  const hydrated = useHydrated();
  return (
    <>
      <button type="button" onClick={showHelp} disabled={!hydrated} className="text-xs text-slate-500 hover:text-slate-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
        Keyboard shortcuts <kbd className="rounded border border-slate-300 px-1 font-mono">?</kbd>
      </button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-80 max-w-[calc(100vw-2rem)] rounded border border-slate-200 bg-white p-4 text-sm text-slate-900 shadow-lg backdrop:bg-slate-900/30">
        <h2 id="shortcuts-title" className="mb-3 font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          {LIST_SHORTCUTS.map((shortcut) => (
            <div key={shortcut.action} className="contents">
              <dt className="flex gap-1">
                {shortcut.keys.map((key) => (
                  <kbd key={key} className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1 text-center font-mono text-xs">
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-700">{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">They do nothing while you type in a box.</p>
        <form method="dialog" className="mt-4 text-right">
          <button type="submit" autoFocus className="rounded bg-slate-800 px-3 py-1 text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
