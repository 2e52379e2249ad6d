import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { AddUserForm } from "@/components/admin/add-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { requireAdmin } from "@/lib/auth/session";
import { findUsers } from "@/lib/users/find-users";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await findUsers();
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <h1 className="text-xl font-semibold">Users</h1>
        <section aria-labelledby="add-user-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="add-user-heading" className="mb-3 font-semibold">
            Add a user
          </h2>
          <AddUserForm />
        </section>
        <section aria-labelledby="users-heading">
          <h2 id="users-heading" className="mb-3 font-semibold">
            All users
          </h2>
          <UsersTable users={users} currentUserId={admin.id} />
        </section>
      </main>
    </>
  );
}
