export default function Loading() {
  return (
    <main className="mx-auto max-w-7xl px-6 py-8" aria-busy="true">
      <p role="status" className="text-sm text-slate-500">
        Loading…
      </p>
    </main>
  );
}
