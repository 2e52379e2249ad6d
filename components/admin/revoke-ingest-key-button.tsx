"use client";

import { useActionState } from "react";
import { revokeKeyAction, type RevokeKeyState } from "@/app/admin/keys/actions";

export function RevokeIngestKeyButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<RevokeKeyState, FormData>(revokeKeyAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the key “${name}”? Anything still sending with it will get 401.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${name}`} className="rounded border border-red-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.error ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
