import { MAX_QUERY_LENGTH } from "@/lib/query/parse-query";

/** The search box: a GET form, so every search is a URL. A mistake is shown under it, at its column. */
export function QueryBox({ action, q, hidden, problem }: { action: string; q: string; hidden: [string, string][]; problem: { message: string; column: number } | null }) {
  return (
    <form action={action} method="get" role="search" aria-label="Search events and errors" className="mb-3">
      <div className="flex gap-2">
        <label htmlFor="explore-q" className="sr-only">
          Query
        </label>
        {/* Keyed by the query: a facet link or Back changes it client-side, and the box
            must then show the query of the rows below it, not what was typed before. */}
        <input
          key={q}
          id="explore-q"
          name="q"
          defaultValue={q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder='Solver diverged   type:SIM_FAILED   -severity:warning   payload.step>20   "exact phrase"'
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "explore-q-problem" : "explore-q-help"}
          className={`min-w-0 flex-1 rounded border px-2 py-1.5 font-mono text-sm focus-visible:outline-2 focus-visible:outline-sky-600 ${problem ? "border-red-400" : "border-slate-300"}`}
        />
        {hidden.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
          Search
        </button>
      </div>
      {problem ? (
        <p id="explore-q-problem" role="alert" className="mt-1 text-sm wrap-anywhere text-red-700">
          Column {problem.column}: {problem.message}
        </p>
      ) : (
        <p id="explore-q-help" className="mt-1 text-xs text-slate-500">
          Words match text anywhere in a row; <code>field:value</code> for type, kind, severity, actor, actorType, user, run, project, trace, endpoint;{" "}
          <code>payload.a.b&gt;3</code>; <code>-field:value</code> excludes, <code>field:a,b</code> is either, <code>value*</code> a prefix, <code>field:*</code> any value; OR and ( ) combine.
        </p>
      )}
    </form>
  );
}
