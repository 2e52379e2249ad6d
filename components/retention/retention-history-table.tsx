import { LocalTime } from "@/components/local-time";
import { formatDuration } from "@/lib/format/duration";
import type { RetentionRunView } from "@/lib/retention/find-retention-runs";

const fmt = (n: number) => n.toLocaleString("en-US");
const TRIGGERS: Record<string, string> = { session: "dashboard", token: "ADMIN_TOKEN", cli: "CLI" };

function Outcome({ run }: { run: RetentionRunView }) {
  const style =
    run.status === "succeeded" ? "bg-green-100 text-green-800" : run.status === "running" ? "bg-blue-100 text-blue-800" : "bg-red-100 text-red-800";
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${style}`}>{run.status}</span>;
}

/**
 * Every recorded run: when, who and how, cutoffs, counts, duration, outcome and error.
 * Fits a 1440 px screen without scrolling: the two cutoffs share a column, as do the
 * trigger and kind, and a long actor or error wraps.
 */
export function RetentionHistoryTable({ runs }: { runs: RetentionRunView[] }) {
  if (runs.length === 0) return <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No retention run yet.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="data-table w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="px-3 py-2">Started</th>
            <th className="px-3 py-2">Who</th>
            <th className="px-3 py-2">How</th>
            <th className="px-3 py-2">Cutoffs</th>
            <th className="px-3 py-2 text-right">Events</th>
            <th className="px-3 py-2 text-right">Errors</th>
            <th className="px-3 py-2">Duration</th>
            <th className="px-3 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-t border-slate-100 align-top">
              <td data-label="Started" className="px-3 py-2 text-xs">
                <LocalTime iso={run.startedAt} />
              </td>
              <td data-label="Who" className="max-w-48 px-3 py-2 break-all">{run.actor}</td>
              <td data-label="How" className="px-3 py-2">
                {run.dryRun ? "dry run" : "delete"}
                <span className="block text-xs text-slate-500">{TRIGGERS[run.trigger] ?? run.trigger}</span>
              </td>
              <td data-label="Cutoffs" className="px-3 py-2 text-xs">
                <span className="block">
                  <span className="text-slate-500">events </span>
                  <LocalTime iso={run.eventCutoff} />
                </span>
                <span className="block">
                  <span className="text-slate-500">errors </span>
                  <LocalTime iso={run.errorCutoff} />
                </span>
              </td>
              <td data-label="Events" className="px-3 py-2 text-right tabular-nums">{fmt(run.eventsDeleted)}</td>
              <td data-label="Errors" className="px-3 py-2 text-right tabular-nums">{fmt(run.errorsDeleted)}</td>
              <td data-label="Duration" className="px-3 py-2 whitespace-nowrap">{run.durationMs === null ? "—" : formatDuration(run.durationMs)}</td>
              <td data-label="Outcome" className="px-3 py-2">
                <Outcome run={run} />
                {run.error ? <p className="mt-1 max-w-64 text-xs break-words text-red-700">{run.error}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
