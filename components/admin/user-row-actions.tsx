"use client";

import { useActionState } from "react";
import { changeRoleAction, setActiveAction, type UserActionState } from "@/app/admin/users/actions";
import type { Role } from "@/lib/auth/auth";

const button = "rounded border px-2 py-1 text-xs disabled:opacity-60";

/** Role change and deactivate/reactivate for one user; errors (e.g. last admin) shown inline. */
export function UserRowActions({ user }: { user: { id: string; email: string; role: Role; active: boolean } }) {
  const [roleState, roleAction, rolePending] = useActionState<UserActionState, FormData>(changeRoleAction, {});
  const [activeState, activeAction, activePending] = useActionState<UserActionState, FormData>(setActiveAction, {});
  const otherRole: Role = user.role === "admin" ? "member" : "admin";
  const error = roleState.error ?? activeState.error;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="role" value={otherRole} />
        <button type="submit" disabled={rolePending} aria-label={`Make ${user.email} ${otherRole === "admin" ? "an admin" : "a member"}`} className={`${button} border-slate-300 hover:bg-slate-100`}>
          {otherRole === "admin" ? "Make admin" : "Make member"}
        </button>
      </form>
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
      {error ? (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
