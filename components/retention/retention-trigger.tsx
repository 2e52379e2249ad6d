"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { triggerRetentionAction, type TriggerRetentionState } from "@/app/admin/retention/actions";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Run now or dry run, each behind a confirmation that says what it will do. */
export function RetentionTrigger({ preview }: { preview: { events: number; errors: number } | null }) {
  const [state, action, pending] = useActionState<TriggerRetentionState, FormData>(triggerRetentionAction, {});
  const [confirming, setConfirming] = useState<null | "run" | "dry">(null);
  // Keyboard users: the confirmation takes the focus (on Cancel, the harmless choice; the
  // button that opened it is gone), Escape cancels, and cancelling gives the focus back.
  const cancelRef = useRef<HTMLButtonElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const dryRef = useRef<HTMLButtonElement>(null);
  const reopenFocus = useRef<null | "run" | "dry">(null);
  // Set by the one submit a confirmation gets: the second click of a double click comes
  // before React has re-rendered the button disabled, and would queue a second run.
  const submitted = useRef(false);
  useEffect(() => {
    if (confirming) {
      submitted.current = false;
      cancelRef.current?.focus();
    } else if (reopenFocus.current) {
      (reopenFocus.current === "run" ? runRef : dryRef).current?.focus();
      reopenFocus.current = null;
    }
  }, [confirming]);
  const submitOnce = (event: FormEvent<HTMLFormElement>) => {
    // React leaves a form action alone when its submit event was cancelled.
    if (submitted.current) event.preventDefault();
    submitted.current = true;
  };
  const cancel = () => {
    reopenFocus.current = confirming;
    setConfirming(null);
  };
  const button = "rounded px-4 py-2 text-sm font-medium disabled:opacity-60";
  return (
    <div className="space-y-3">
      {confirming === null ? (
        <div className="flex flex-wrap gap-3">
          <button ref={runRef} type="button" disabled={pending} onClick={() => setConfirming("run")} className={`${button} bg-red-700 text-white hover:bg-red-800`}>
            Run retention now…
          </button>
          <button ref={dryRef} type="button" disabled={pending} onClick={() => setConfirming("dry")} className={`${button} border border-slate-300 hover:bg-slate-100`}>
            Dry run…
          </button>
        </div>
      ) : (
        <form
          action={(form) => {
            setConfirming(null);
            return action(form);
          }}
          onSubmit={submitOnce}
          onKeyDown={(event) => {
            if (event.key === "Escape") cancel();
          }}
          role="alertdialog"
          aria-labelledby="retention-confirm-text"
          className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4"
        >
          <input type="hidden" name="dryRun" value={confirming === "dry" ? "true" : "false"} />
          <p id="retention-confirm-text" className="text-sm">
            {confirming === "dry"
              ? "Count what the policy would delete now, deleting nothing? The dry run is recorded in the history."
              : preview
                ? `Permanently delete about ${fmt(preview.events)} events and ${fmt(preview.errors)} errors older than the policy? This cannot be undone.`
                : "Permanently delete every event and error older than the policy? This cannot be undone."}
          </p>
          <div className="flex gap-3">
            <button
              type="submit"
              disabled={pending}
              className={`${button} ${confirming === "dry" ? "bg-slate-900 text-white hover:bg-slate-700" : "bg-red-700 text-white hover:bg-red-800"}`}
            >
              {confirming === "dry" ? "Confirm dry run" : "Confirm and delete"}
            </button>
            <button ref={cancelRef} type="button" onClick={cancel} className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {pending ? <p className="text-sm text-slate-600">Starting…</p> : null}
      {state.message && !pending ? (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
      {state.error && !pending ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
