"use client";

import { useActionState } from "react";
import { addUserAction, type AddUserState } from "@/app/admin/users/actions";
import { FormError, SelectField, SubmitButton, TextField } from "@/components/form";

export function AddUserForm() {
  const [state, action, pending] = useActionState<AddUserState, FormData>(addUserAction, {});
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_1fr_auto] lg:items-end">
        <TextField id="user-email" label="Email" name="email" type="email" required maxLength={320} autoComplete="off" />
        <TextField id="user-name" label="Name" name="name" maxLength={100} autoComplete="off" />
        <SelectField id="user-role" label="Role" name="role" defaultValue="member">
          <option value="member">member</option>
          <option value="admin">admin</option>
        </SelectField>
        <TextField id="user-password" label="Initial password (blank: generate)" name="password" type="password" minLength={12} maxLength={256} autoComplete="new-password" />
        <SubmitButton pending={pending} label="Add user" pendingLabel="Adding…" />
      </form>
      <FormError message={state.error} />
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
