"use client";

import { useActionState } from "react";
import { addUserAction, type AddUserState } from "@/app/admin/users/actions";

const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none";
const label = "block text-sm font-medium text-slate-700";

export function AddUserForm() {
  const [state, action, pending] = useActionState<AddUserState, FormData>(addUserAction, {});
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_1fr_auto] lg:items-end">
        <div>
          <label htmlFor="user-email" className={label}>
            Email
          </label>
          <input id="user-email" name="email" type="email" required maxLength={320} autoComplete="off" className={input} />
        </div>
        <div>
          <label htmlFor="user-name" className={label}>
            Name
          </label>
          <input id="user-name" name="name" maxLength={100} autoComplete="off" className={input} />
        </div>
        <div>
          <label htmlFor="user-role" className={label}>
            Role
          </label>
          <select id="user-role" name="role" defaultValue="member" className={input}>
            <option value="member">member</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div>
          <label htmlFor="user-password" className={label}>
            Initial password (blank: generate)
          </label>
          <input id="user-password" name="password" type="password" minLength={12} maxLength={256} autoComplete="new-password" className={input} />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Adding…" : "Add user"}
        </button>
      </form>
      {state.error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.created ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">Added {state.created.email}.</p>
          {state.created.generatedPassword ? (
            <p className="mt-1">
              Their password, shown only this once:{" "}
              <output aria-label="Generated password" className="rounded bg-white px-2 py-1 font-mono select-all">
                {state.created.generatedPassword}
              </output>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
