import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { AppHeader } from "@/components/app-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string | string[] }> }) {
  const user = await requireUser();
  const { changed } = await searchParams;
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <div>
          <h1 className="text-xl font-semibold">Your account</h1>
          <p className="mt-1 text-sm text-slate-600">
            {user.email} · {user.role}
          </p>
        </div>
        <section aria-labelledby="password-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="password-heading" className="mb-3 font-semibold">
            Change your password
          </h2>
          <ChangePasswordForm changed={changed === "1"} />
        </section>
      </main>
    </>
  );
}
