"use client";

import { useActionState } from "react";
import { createKeyAction, type CreateKeyState } from "@/app/admin/keys/actions";
import { CopyButton } from "@/components/copy-button";
import { FormError, SubmitButton, TextField } from "@/components/form";
import { showBidiControls } from "@/lib/format/split-links";

export function CreateIngestKeyForm({ projects }: { projects: { id: string; name: string; dsnId: number }[] }) {
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
          <div className="mt-2 flex items-start gap-2">
            <output aria-label="New ingest key" className="block flex-1 break-all rounded bg-white px-3 py-2 font-mono text-slate-900 select-all">
              {state.created.key}
            </output>
            <CopyButton text={state.created.key} label="Copy key" />
          </div>
          <h3 className="mt-4 font-medium">Send with it</h3>
          <ul className="mt-2 space-y-3">
            {state.created.snippets.map((snippet) => (
              <li key={snippet.id}>
                <div className="flex items-center justify-between gap-2">
                  <span>{snippet.title}</span>
                  <CopyButton text={snippet.text} label={`Copy ${snippet.id === "dsn" ? "DSN" : snippet.id === "otlp" ? "OTLP config" : snippet.id === "curl" ? "curl" : "client code"}`} />
                </div>
                <pre aria-label={snippet.title} className="mt-1 overflow-x-auto rounded bg-white px-3 py-2 font-mono text-xs text-slate-900">
                  {snippet.text}
                </pre>
              </li>
            ))}
          </ul>
          {state.created.projectId === null && projects.length ? (
            <table className="mt-3 text-xs">
              <caption className="text-left font-medium">Project numbers for the DSN</caption>
              <tbody>
                {projects.slice(0, 50).map((p) => (
                  <tr key={p.id}>
                    <td className="pr-3 font-mono">{p.dsnId}</td>
                    <td>{showBidiControls(p.name)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="mt-3 text-xs text-slate-600">More: docs/ingest-protocols.md (Collector, Vector, Fluent Bit, pino, winston, Sentry browser and Node).</p>
        </div>
      ) : null}
    </div>
  );
}
