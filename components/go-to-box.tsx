"use client";
import { useEffect, useId, useRef } from "react";
import { MAX_LOOKUP_LENGTH } from "@/lib/search/normalize-lookup-id";

/** Paste any id and go to it (resolved by /go). "/" focuses it from anywhere on the page. */
export function GoToBox({ defaultValue = "", shortcut = true }: { defaultValue?: string; shortcut?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    if (!shortcut) return;
    const onKey = (event: KeyboardEvent) => {
      // defaultPrevented: a page's list shortcuts took "/" for a search box of their own.
      if (event.defaultPrevented || event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcut]);
  return (
    <form action="/go" method="get" role="search" className="flex max-w-full items-center gap-1">
      <label htmlFor={id} className="sr-only">
        Go to a traceId, runId or event id
      </label>
      <input
        ref={input}
        id={id}
        name="q"
        defaultValue={defaultValue}
        // A longer query would make a URL the server refuses outright (431); /go says "too long".
        maxLength={MAX_LOOKUP_LENGTH}
        placeholder="Go to traceId, runId, event id…  (/)"
        autoComplete="off"
        spellCheck={false}
        // min-w-0: on a narrow screen it gives way rather than push the page wider.
        className="w-72 min-w-0 rounded border border-slate-300 px-2 py-1 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-600"
      />
      <button type="submit" className="rounded bg-slate-800 px-2 py-1 text-xs text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
        Go
      </button>
    </form>
  );
}
