import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <p className="text-sm font-medium text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing has that id. It may have been mistyped, or deleted by the retention policy.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-700 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
