import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Admins only</h1>
      <p className="mt-2 text-slate-600">Your account can read logs but not change this. Ask an admin if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-sm underline">
        Back to the overview
      </Link>
    </main>
  );
}
