export default function Loading() {
  return (
    <main className="mx-auto max-w-7xl px-6 py-6" aria-busy="true">
      <p role="status" className="text-sm text-slate-500">
        Loading runs…
      </p>
      <div className="mt-4 h-36 animate-pulse rounded bg-slate-200" />
    </main>
  );
}
