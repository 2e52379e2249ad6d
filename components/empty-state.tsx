import { LocalTime } from "@/components/local-time";
import type { EmptyHistory } from "@/lib/runs/explain-empty-history";

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

/**
 * A run or project whose rows existed and were removed by the retention policy: say so,
 * with the cutoff, instead of the first-event hint (which is for what never logged).
 */
export function RemovedByRetentionNotice({ history, what }: { history: Extract<EmptyHistory, { kind: "removed" }>; what: string }) {
  const { cleanup, policy, lastRowAt } = history;
  return (
    <div role="status" className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
      <p className="font-medium">{what} no longer stored: the retention policy removed them.</p>
      <p className="mt-1">
        {cleanup ? (
          <>
            The last cleanup (<LocalTime iso={cleanup.finishedAt.toISOString()} />) removed events older than <LocalTime iso={cleanup.eventCutoff.toISOString()} /> and errors older than{" "}
            <LocalTime iso={cleanup.errorCutoff.toISOString()} />.{" "}
          </>
        ) : (
          <>
            Events older than <LocalTime iso={history.policyCutoff.events.toISOString()} /> and errors older than <LocalTime iso={history.policyCutoff.errors.toISOString()} /> are removed.{" "}
          </>
        )}
        Events are kept {policy.eventDays} days and errors {policy.errorDays} days (EVENT_RETENTION_DAYS, ERROR_RETENTION_DAYS). The last row was logged at{" "}
        <LocalTime iso={lastRowAt.toISOString()} />.
      </p>
    </div>
  );
}
