/** What to do when there are no logs yet: how to send a first event. */
export function FirstEventHint({ projectId, runId }: { projectId?: string; runId?: string }) {
  const body = JSON.stringify({ eventType: "SIM_STARTED", ...(projectId ? { projectId } : {}), ...(runId ? { runId } : {}), payload: { hello: "world" } });
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
      <p className="font-medium">Nothing logged here yet.</p>
      <p className="mt-1">Send a first event with an ingest key (Admin → Ingest keys, or the INGEST_KEYS setting):</p>
      <pre className="mt-2 overflow-x-auto code-block rounded p-3 font-mono text-xs">
        {`curl -X POST <this server>/api/events \\\n  -H 'Authorization: Bearer <key>' -H 'Content-Type: application/json' \\\n  -d '${body}'`}
      </pre>
    </div>
  );
}
