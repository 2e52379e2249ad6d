"use client";

// What error.tsx and global-error.tsx show when a page fails to render on the server:
// most often the database is restarting or unreachable, which retrying fixes. Production
// builds never send the server's message to the browser, only a digest to find it in the
// server log.
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <p className="text-sm font-medium text-slate-500">Error</p>
      <h1 className="mt-1 text-xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        The server could not answer, usually because its database is busy, restarting or out of reach. Nothing was lost; try again in a moment.
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
      >
        Try again
      </button>
      {digest ? (
        <p className="mt-6 text-xs text-slate-500">
          If it persists, give your admin this reference; the server log has the details: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
    </main>
  );
}
