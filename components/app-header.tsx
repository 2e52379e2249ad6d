import Link from "next/link";
import type { ReactNode } from "react";
import { signOut } from "@/app/login/actions";
import { currentUser } from "@/lib/auth/session";
import { GoToBox } from "./go-to-box";
import { ThemeToggle } from "./theme/theme-toggle";

/**
 * The bar on every signed-in page. `children` goes on the right (e.g. the go-to box). On a
 * narrow screen its groups wrap onto lines of their own rather than run off the right edge.
 */
export async function AppHeader({ children }: { children?: ReactNode }) {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          logdeck
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          <Link href="/" className="hover:text-slate-900">
            Overview
          </Link>
          <Link href="/explore" className="hover:text-slate-900">
            Explore
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
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
          {children}
          {user ? <GoToBox /> : null}
          <ThemeToggle />
          {user ? (
            <form action={signOut} className="flex min-w-0 items-center gap-3 text-sm text-slate-600">
              {/* A long address is cut short; the tooltip has all of it. */}
              <Link href="/account" title={`${user.email} (${user.role}): your account`} className="max-w-56 truncate hover:text-slate-900 hover:underline">
                {user.email}
              </Link>
              <button type="submit" className="shrink-0 rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}
