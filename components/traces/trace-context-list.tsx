"use client";
import { LocalTime } from "@/components/local-time";
import { prettyJsonText } from "@/lib/format/exact-json";
import { showBidiControls } from "@/lib/format/split-links";

export interface TraceContextLine {
  kind: "event" | "error";
  id: string;
  /** ISO time. */
  at: string;
  label: string;
  detail: string;
  /** An event's payload as one line of JSON (as stored); null for an error line. */
  payload: string | null;
  /** The row in the run timeline. */
  href: string;
}

const PAYLOAD_LINE = 160;

/**
 * A run's events and errors around a trace's errors, oldest first. A client component so
 * that the page sends each line as a few strings, not as a tree of elements. An event's
 * payload shows on its line, cut to one line; the line opens (a native <details>, so
 * keyboard and screen readers know it) to the whole payload, pretty-printed. Links are
 * plain anchors, not next/link: 100 of those cost render time and would prefetch a
 * timeline each. A line wraps on a phone, where its time alone takes half the width.
 */
export function TraceContextList({ lines }: { lines: TraceContextLine[] }) {
  return (
    <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
      {lines.map((line) => (
        <li key={`${line.kind}-${line.id}`} id={`context-${line.kind}-${line.id}`} className={line.kind === "error" ? "bg-red-50" : ""}>
          {line.payload === null ? (
            <div className="flex flex-wrap items-baseline gap-x-3 px-3 py-1.5 sm:flex-nowrap">
              <LineHead line={line} />
            </div>
          ) : (
            <details className="group">
              <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 px-3 py-1.5 sm:flex-nowrap" aria-label={`${showBidiControls(line.label)} at ${line.at}: payload`}>
                <LineHead line={line} />
                <code className="min-w-0 flex-1 truncate font-mono text-xs text-slate-500 group-open:hidden">{showBidiControls(line.payload.length > PAYLOAD_LINE ? `${line.payload.slice(0, PAYLOAD_LINE)}…` : line.payload)}</code>
              </summary>
              <pre className="mx-3 mb-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap break-words text-slate-100">{showBidiControls(prettyJsonText(line.payload))}</pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

function LineHead({ line }: { line: TraceContextLine }) {
  return (
    <>
      <LocalTime iso={line.at} />
      <span className={`rounded px-1 text-[10px] font-semibold uppercase ${line.kind === "error" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-600"}`}>{line.kind}</span>
      <span className="max-w-1/2 shrink-0 truncate font-mono text-xs">{showBidiControls(line.label)}</span>
      <span className="min-w-0 flex-1 truncate text-xs text-slate-600">{showBidiControls(line.detail)}</span>
      <a href={line.href} className="ml-auto shrink-0 text-xs text-sky-700 hover:underline">
        in timeline
      </a>
    </>
  );
}
