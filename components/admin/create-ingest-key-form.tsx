"use client";

import { useActionState } from "react";
import { createKeyAction, type CreateKeyState } from "@/app/admin/keys/actions";

const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none";

export function CreateIngestKeyForm({ projects }: { projects: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, {});
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="key-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input id="key-name" name="name" required maxLength={100} placeholder="e.g. checkout-service production" className={input} />
        </div>
        <div>
          <label htmlFor="key-project" className="block text-sm font-medium text-slate-700">
            Project (blank: every project)
          </label>
          <input id="key-project" name="projectId" list="key-project-choices" maxLength={128} autoComplete="off" className={input} />
          <datalist id="key-project-choices">
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </datalist>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
      {state.error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
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
