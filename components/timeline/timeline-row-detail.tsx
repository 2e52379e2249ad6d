import Link from "next/link";
import { JsonBlock } from "@/components/json-block";
import { prettyJsonText } from "@/lib/format/exact-json";
import { showBidiControls } from "@/lib/format/split-links";
import { LinkedText } from "@/components/linked-text";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";

/** An opened timeline row: everything it carries, as text. */
export function TimelineRowDetail({ row }: { row: TimelineRowDto }) {
  return (
    <div className="space-y-2">
      {/* minmax(0, 1fr): a long unbroken message would otherwise widen the column past the
          row, which clips it, instead of wrapping. */}
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">{row.kind === "error" ? "Error id" : "Event id"}</dt>
        <dd className="font-mono break-all">{showBidiControls(row.id)}</dd>
        {/* The row's Type cell shows one line of it. */}
        <dt className="text-slate-500">Type</dt>
        <dd className="font-mono break-all">{showBidiControls(row.type)}</dd>
        {row.actor ? (
          <>
            <dt className="text-slate-500">Actor</dt>
            <dd className="font-mono break-all">{showBidiControls(row.actor)}</dd>
          </>
        ) : null}
        {row.traceId ? (
          <>
            <dt className="text-slate-500">Trace</dt>
            <dd>
              <Link href={`/traces/${encodeURIComponent(row.traceId)}`} className="font-mono text-sky-700 hover:underline">
                {row.traceId}
              </Link>
            </dd>
          </>
        ) : null}
        {row.endpoint ? (
          <>
            <dt className="text-slate-500">Endpoint</dt>
            <dd className="font-mono break-all">{showBidiControls(row.endpoint)}</dd>
          </>
        ) : null}
        {row.message !== undefined ? (
          <>
            <dt className="text-slate-500">Message</dt>
            <dd className="whitespace-pre-wrap break-words">
              <LinkedText text={row.message} />
            </dd>
          </>
        ) : null}
      </dl>
      {row.stack ? <JsonBlock text={row.stack} label="Stack trace" /> : null}
      {/* An error sent without detail has none (events always have a payload, {} at least). */}
      {row.dataJson === "null" ? (
        <p className="text-xs text-slate-500">No {row.kind === "error" ? "detail" : "payload"}.</p>
      ) : (
        <JsonBlock text={prettyJsonText(row.dataJson)} label={row.kind === "error" ? "Detail" : "Payload"} />
      )}
    </div>
  );
}
