"use client";

import { useActionState } from "react";
import { createKeyAction, type CreateKeyState } from "@/app/admin/keys/actions";
import { FormError, SubmitButton, TextField } from "@/components/form";
import { showBidiControls } from "@/lib/format/split-links";

export function CreateIngestKeyForm({ projects }: { projects: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, {});
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <TextField id="key-name" label="Name" name="name" required maxLength={100} placeholder="e.g. checkout-service production" />
        <div>
          <TextField id="key-project" label="Project (blank: every project)" name="projectId" list="key-project-choices" maxLength={128} autoComplete="off" />
          <datalist id="key-project-choices">
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {showBidiControls(p.name)}
              </option>
            ))}
          </datalist>
        </div>
        <SubmitButton pending={pending} label="Create key" pendingLabel="Creating…" />
      </form>
      <FormError message={state.error} />
      {state.created ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">
            Key “{state.created.name}” created{state.created.projectId ? ` for project ${state.created.projectId}` : " for every project"}. Copy it now: it
            will not be shown again.
          </p>
          <output aria-label="New ingest key" className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-slate-900 select-all">
            {state.created.key}
          </output>
        </div>
      ) : null}
    </div>
  );
}
