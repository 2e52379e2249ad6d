"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { triggerRetentionAction, type TriggerRetentionState } from "@/app/admin/retention/actions";
import { describeRetentionOutcome, type RetentionOutcomeView } from "./describe-retention-outcome";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Run now or dry run, each behind a confirmation that says what it will do. `runs` are the
 * history's latest (the page re-renders while one goes): once the run this trigger
 * started has ended, its outcome replaces "… started.".
 */
export function RetentionTrigger({ preview, runs }: { preview: { events: number; errors: number } | null; runs: RetentionOutcomeView[] }) {
  const [state, action, pending] = useActionState<TriggerRetentionState, FormData>(triggerRetentionAction, {});
  const started = state.runId ? runs.find((run) => run.id === state.runId) : undefined;
  const outcome = started ? describeRetentionOutcome(started) : null;
  const [confirming, setConfirming] = useState<null | "run" | "dry">(null);
  // The confirmation is a modal <dialog>: the page behind it is inert, so the focus stays in
  // it (Tab goes round its buttons); it opens on Cancel (the harmless choice), Escape closes
  // it wherever the focus is, and closing gives the focus back to the button that opened it.
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  // Set by the one submit a confirmation gets: the second click of a double click may come
  // before React has re-rendered the button disabled, and would queue a second run.
  const submitted = useRef(false);
  // State follows the dialog where it is closed (Escape, Cancel, a submit), not from its
  // close event: that event is queued, and after a quick Escape and reopen it arrived once
  // the dialog was open again, emptying it.
  const close = () => {
    dialogRef.current?.close();
    setConfirming(null);
  };
  useEffect(() => {
    const dialog = dialogRef.current;
    if (confirming && dialog && !dialog.open) {
      submitted.current = false;
      dialog.showModal();
      cancelRef.current?.focus();
    }
  }, [confirming]);
  // Once the run has started (or not), the dialog closes and the focus goes to the outcome.
  useEffect(() => {
    if (pending || !submitted.current) return;
    submitted.current = false;
    close();
    resultRef.current?.focus();
  }, [pending]);
  const submitOnce = (event: FormEvent<HTMLFormElement>) => {
    // React leaves a form action alone when its submit event was cancelled.
    if (submitted.current) event.preventDefault();
    submitted.current = true;
  };
  const button = "rounded px-4 py-2 text-sm font-medium disabled:opacity-60";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <button type="button" disabled={pending} onClick={() => setConfirming("run")} className={`${button} bg-red-700 text-white hover:bg-red-800`}>
          Run retention now…
        </button>
        <button type="button" disabled={pending} onClick={() => setConfirming("dry")} className={`${button} border border-slate-300 hover:bg-slate-100`}>
          Dry run…
        </button>
      </div>
      <dialog
        ref={dialogRef}
        role="alertdialog"
        aria-labelledby="retention-confirm-text"
        // Escape while the run is being started would hide the only sign of it.
        onCancel={(event) => {
          event.preventDefault();
          if (!pending) close();
        }}
        // Chromium lets Tab leave a modal dialog for the browser's toolbar: go round instead.
        onKeyDown={(event) => {
          if (event.key !== "Tab") return;
          const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
          const [first, last] = [buttons[0], buttons[buttons.length - 1]];
          const from = event.shiftKey ? first : last;
          if (document.activeElement !== from) return;
          event.preventDefault();
          (event.shiftKey ? last : first)?.focus();
        }}
        className="m-auto max-w-lg rounded border border-amber-300 bg-amber-50 p-4 backdrop:bg-slate-900/30"
      >
        {confirming ? (
          <form action={action} onSubmit={submitOnce} className="space-y-3">
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
                {pending ? "Starting…" : confirming === "dry" ? "Confirm dry run" : "Confirm and delete"}
              </button>
              <button ref={cancelRef} type="button" disabled={pending} onClick={close} className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
      {/* Focusable: where the focus goes after a confirmation. */}
      {(state.message || state.error) && !pending ? (
        <p
          ref={resultRef}
          tabIndex={-1}
          role={state.error || started?.status === "failed" ? "alert" : "status"}
          className={`text-sm outline-none ${state.error || started?.status === "failed" ? "rounded bg-red-50 px-3 py-2 text-red-700" : "text-green-800"}`}
        >
          {state.error ?? outcome ?? state.message}
        </p>
      ) : null}
    </div>
  );
}
