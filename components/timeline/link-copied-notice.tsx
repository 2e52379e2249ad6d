"use client";
import { useEffect, useState } from "react";

/** The event a row permalink sends once it tried to copy its link. */
export const LINK_COPIED_EVENT = "logdeck:link-copied";

/**
 * "Link copied", for a moment, after a row's `#` was clicked. Outside the timeline (which
 * remounts when the permalink opens), so the confirmation outlives the navigation.
 */
export function LinkCopiedNotice() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onCopied = (event: Event) => {
      const ok = (event as CustomEvent<{ ok: boolean }>).detail.ok;
      setMessage(ok ? "Link copied" : "Could not copy the link; it is in the address bar");
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(null), 2_500);
    };
    window.addEventListener(LINK_COPIED_EVENT, onCopied);
    return () => {
      window.removeEventListener(LINK_COPIED_EVENT, onCopied);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-6 bottom-6 z-10">
      {message ? <p className="rounded bg-slate-900 px-3 py-2 text-sm text-white shadow">{message}</p> : null}
    </div>
  );
}
