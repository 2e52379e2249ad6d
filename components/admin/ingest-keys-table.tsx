import { LocalTime } from "@/components/local-time";
import type { IngestKeySummary } from "@/lib/ingest-keys/find-ingest-keys";
import { showBidiControls } from "@/lib/format/split-links";
import { RevokeIngestKeyButton } from "./revoke-ingest-key-button";

// The app's one date format (components/local-time.tsx): the viewer's zone, UTC on hover.
const time = (date: Date | null) => (date ? <LocalTime iso={date.toISOString()} /> : "never");

export function IngestKeysTable({ keys }: { keys: IngestKeySummary[] }) {
  if (!keys.length) {
    return (
      <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        No ingest keys yet. Keys listed in <code className="font-mono">INGEST_KEYS</code> work too and are not shown here.
      </p>
    );
  }
  return (
    <table className="data-table w-full overflow-hidden rounded border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
        <tr>
          <th className="px-3 py-2">Name</th>
          <th className="px-3 py-2">Key</th>
          <th className="px-3 py-2">Project</th>
          <th className="px-3 py-2">Created</th>
          <th className="px-3 py-2">Last used</th>
          <th className="px-3 py-2">Status</th>
          <th className="px-3 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} className="border-t border-slate-100">
            <td data-label="Name" className="px-3 py-2">{key.name}</td>
            <td data-label="Key" className="px-3 py-2 font-mono text-xs">{key.prefix}…</td>
            <td data-label="Project" className="px-3 py-2">{key.projectId ? showBidiControls(key.projectName ?? key.projectId) : <span className="text-slate-500">every project</span>}</td>
            <td data-label="Created" className="px-3 py-2 text-xs" title={key.createdByEmail ? `by ${key.createdByEmail}` : undefined}>
              {time(key.createdAt)}
            </td>
            <td data-label="Last used" className="px-3 py-2 text-xs">{time(key.lastUsedAt)}</td>
            <td data-label="Status" className="px-3 py-2">
              {key.revokedAt ? <span className="text-red-700">revoked {time(key.revokedAt)}</span> : <span className="text-green-700">active</span>}
            </td>
            <td className="px-3 py-2 text-right">{key.revokedAt ? null : <RevokeIngestKeyButton id={key.id} name={key.name} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
