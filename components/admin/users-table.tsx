import { LocalTime } from "@/components/local-time";
import type { UserSummary } from "@/lib/users/find-users";
import { UserRowActions } from "./user-row-actions";

export function UsersTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string }) {
  return (
    <table className="data-table w-full overflow-hidden rounded border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
        <tr>
          <th className="px-3 py-2">Email</th>
          <th className="px-3 py-2">Name</th>
          <th className="px-3 py-2">Role</th>
          <th className="px-3 py-2">Status</th>
          <th className="px-3 py-2">Sign-in</th>
          <th className="px-3 py-2">Created</th>
          <th className="px-3 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-t border-slate-100" data-email={user.email}>
            <td data-label="Email" className="px-3 py-2">
              {user.email}
              {user.id === currentUserId ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
            </td>
            <td data-label="Name" className="px-3 py-2">{user.name}</td>
            <td data-label="Role" className="px-3 py-2">{user.role}</td>
            <td data-label="Status" className="px-3 py-2">{user.active ? <span className="text-green-700">active</span> : <span className="text-red-700">deactivated</span>}</td>
            <td data-label="Sign-in" className="px-3 py-2 text-xs text-slate-600">{user.signInMethods.join(", ") || "—"}</td>
            <td data-label="Created" className="px-3 py-2 text-xs">
              <LocalTime iso={user.createdAt.toISOString()} />
            </td>
            <td className="px-3 py-2">
              <UserRowActions user={user} isCurrentUser={user.id === currentUserId} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
