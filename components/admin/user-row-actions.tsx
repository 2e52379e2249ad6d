"use client";

import { useActionState } from "react";
import { changeRoleAction, resetPasswordAction, setActiveAction, type ResetPasswordState, type UserActionState } from "@/app/admin/users/actions";
import type { Role } from "@/lib/auth/auth";

const button = "rounded border px-2 py-1 text-xs disabled:opacity-60";

/** Role change, password reset and deactivate/reactivate for one user; errors (e.g. last admin) shown inline. */
export function UserRowActions({ user, isCurrentUser }: { user: { id: string; email: string; role: Role; active: boolean }; isCurrentUser: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<UserActionState, FormData>(changeRoleAction, {});
  const [activeState, activeAction, activePending] = useActionState<UserActionState, FormData>(setActiveAction, {});
  const otherRole: Role = user.role === "admin" ? "member" : "admin";
  const [resetState, resetAction, resetPending] = useActionState<ResetPasswordState, FormData>(resetPasswordAction, {});
  const error = roleState.error ?? activeState.error ?? resetState.error;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="role" value={otherRole} />
        <button type="submit" disabled={rolePending} aria-label={`Make ${user.email} ${otherRole === "admin" ? "an admin" : "a member"}`} className={`${button} border-slate-300 hover:bg-slate-100`}>
          {otherRole === "admin" ? "Make admin" : "Make member"}
        </button>
      </form>
      {isCurrentUser ? null : (
        <form
          action={resetAction}
          onSubmit={(event) => {
            if (!window.confirm(`Give ${user.email} a new password? Their current one stops working and they are signed out everywhere.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" disabled={resetPending} aria-label={`Reset the password of ${user.email}`} className={`${button} border-slate-300 hover:bg-slate-100`}>
            Reset password
          </button>
        </form>
      )}
      <form
        action={activeAction}
        onSubmit={(event) => {
          if (user.active && !window.confirm(`Deactivate ${user.email}? They are signed out at once.`)) event.preventDefault();
        }}
      >
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="active" value={user.active ? "false" : "true"} />
        <button
          type="submit"
          disabled={activePending}
          aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.email}`}
          className={`${button} ${user.active ? "border-red-300 text-red-700 hover:bg-red-50" : "border-green-300 text-green-700 hover:bg-green-50"}`}
        >
          {user.active ? "Deactivate" : "Reactivate"}
        </button>
      </form>
      {resetState.password ? (
        <p role="status" className="basis-full text-right text-xs">
          New password, shown only this once:{" "}
          <output aria-label={`New password of ${user.email}`} className="rounded bg-amber-50 px-2 py-1 font-mono select-all">
            {resetState.password}
          </output>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
