"use client";

import { useActionState, useEffect, useState } from "react";
import { renameProjectAction, type RenameProjectState } from "@/app/projects/[projectId]/actions";
import { FormError, SubmitButton, TextField } from "@/components/form";

/** An admin's rename of a project, behind a "Rename" toggle next to its heading. */
export function RenameProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<RenameProjectState, FormData>(renameProjectAction, {});
  // Saved: back to the heading (which now shows the new name) and the confirmation.
  useEffect(() => {
    if (state.renamed) setOpen(false);
  }, [state]);
  if (!open) {
    return (
      <div className="mb-3 flex items-center gap-3 text-sm">
        <button type="button" onClick={() => setOpen(true)} className="text-sky-700 hover:underline">
          Rename project
        </button>
        {state.renamed ? (
          <span role="status" className="text-green-800">
            Renamed to “{state.renamed}”.
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <form
      action={action}
      aria-label="Rename project"
      className="mb-3 flex max-w-xl flex-wrap items-end gap-3"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <div className="min-w-64 flex-1">
        <TextField id="project-name" label="Project name" name="name" defaultValue={name} required autoFocus />
      </div>
      <SubmitButton pending={pending} label="Save" pendingLabel="Saving…" />
      <button type="button" onClick={() => setOpen(false)} className="py-2 text-sm text-slate-600 hover:underline">
        Cancel
      </button>
      <div className="basis-full">
        <FormError message={state.error} />
      </div>
    </form>
  );
}
