"use client";

import { useActionState } from "react";
import { signIn, type SignInState } from "@/app/login/actions";
import { FormError, SubmitButton, TextField } from "@/components/form";

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="space-y-4">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField id="email" label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.email} />
      <TextField id="password" label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={state.error} />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" wide />
    </form>
  );
}
