"use client";

import { useActionState } from "react";
import { changeOwnPasswordAction, type ChangePasswordState } from "@/app/account/actions";
import { FormError, SubmitButton, TextField } from "@/components/form";

/** `changed`: the page was reached by the redirect after a successful change. */
export function ChangePasswordForm({ changed }: { changed: boolean }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changeOwnPasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-4">
      <TextField id="current-password" label="Current password" name="currentPassword" type="password" autoComplete="current-password" required maxLength={256} />
      <TextField id="new-password" label="New password (at least 12 characters)" name="newPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={256} />
      <TextField id="confirm-password" label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={256} />
      <FormError message={state.error} />
      {changed && !state.error ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. You stay signed in here; every other session was signed out.
        </p>
      ) : null}
      <SubmitButton pending={pending} label="Change password" pendingLabel="Changing…" />
    </form>
  );
}
