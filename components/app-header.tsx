import Link from "next/link";
import type { ReactNode } from "react";

/** The bar on every signed-in page. `children` goes on the right (user menu, go-to box). */
export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          logdeck
        </Link>
        <nav className="flex gap-4 text-sm text-slate-600">
          <Link href="/" className="hover:text-slate-900">
            Overview
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-4">{children}</div>
      </div>
    </header>
  );
}
