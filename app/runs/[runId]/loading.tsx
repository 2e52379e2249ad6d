export default function Loading() {
  return (
    <main className="mx-auto max-w-7xl px-6 py-6" aria-busy="true">
      <p role="status" className="text-sm text-slate-500">
        Loading the run…
      </p>
      <div className="mt-4 space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
    </main>
  );
}
