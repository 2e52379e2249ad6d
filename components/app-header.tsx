import Link from "next/link";
import type { ReactNode } from "react";
import { signOut } from "@/app/login/actions";
import { currentUser } from "@/lib/auth/session";
import { GoToBox } from "./go-to-box";

/** The bar on every signed-in page. `children` goes on the right (e.g. the go-to box). */
export async function AppHeader({ children }: { children?: ReactNode }) {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          logdeck
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm text-slate-600">
          <Link href="/" className="hover:text-slate-900">
            Overview
          </Link>
          {user?.role === "admin" ? (
            <>
              <Link href="/admin/retention" className="hover:text-slate-900">
                Retention
              </Link>
              <Link href="/admin/users" className="hover:text-slate-900">
                Users
              </Link>
              <Link href="/admin/keys" className="hover:text-slate-900">
                Ingest keys
              </Link>
            </>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          {children}
          {user ? <GoToBox /> : null}
          {user ? (
            <form action={signOut} className="flex items-center gap-3 text-sm text-slate-600">
              <Link href="/account" title={`${user.role}: your account`} className="hover:text-slate-900 hover:underline">
                {user.email}
              </Link>
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}
