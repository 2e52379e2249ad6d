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
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">{row.kind === "error" ? "Error id" : "Event id"}</dt>
        <dd className="font-mono break-all">{showBidiControls(row.id)}</dd>
        {row.actor ? (
          <>
            <dt className="text-slate-500">Actor</dt>
            <dd className="font-mono">{showBidiControls(row.actor)}</dd>
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
      <JsonBlock text={prettyJsonText(row.dataJson)} label={row.kind === "error" ? "Detail" : "Payload"} />
    </div>
  );
}
