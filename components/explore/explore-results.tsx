"use client";
// The explorer's rows: the run timeline's row behaviour (open a row to see all of it, copy
// it as JSON, a permalink) and, per row, links to its place in its run, its trace and its
// project. Live rows (when on) are merged in above.
import Link from "next/link";
import { Fragment } from "react";
import { CopyButton } from "@/components/copy-button";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";
import { SeverityBadge } from "@/components/severity-badge";
import { TimelineRowDetail } from "@/components/timeline/timeline-row-detail";
import { useOpenRows } from "@/components/use-open-rows";
import { showBidiControls } from "@/lib/format/split-links";
import type { ExploreRowDto } from "@/lib/explore/to-explore-row-dto";
import { runRowHref } from "@/lib/runs/row-permalink";
import { EXPLORE_LIVE_INTERVAL_MS, useExploreLive } from "./use-explore-live";
import { ListShortcuts } from "@/components/keyboard/list-shortcuts";

const rowJson = (row: ExploreRowDto) => {
  const { sinceStartMs: _since, dataJson, ...rest } = row;
  void _since;
  return `${JSON.stringify(rest).slice(0, -1)},"data":${dataJson}}`;
};

function summary(row: ExploreRowDto): string {
  const text = row.kind === "error" ? (row.message ?? "") : row.dataJson;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function ExploreResults({ rows: pageRows, showProject, live }: { rows: ExploreRowDto[]; showProject: boolean; live: { query: string; after: string | null } | null }) {
  const liveState = useExploreLive(live);
  const seen = new Set(pageRows.map((r) => `${r.kind}-${r.id}`));
  const rows = [...liveState.rows.filter((r) => !seen.has(`${r.kind}-${r.id}`)), ...pageRows];
  const { open, toggle } = useOpenRows();
  return (
    <div>
      {live ? (
        <div className="mb-2 flex items-center gap-3 text-sm">
          <button type="button" onClick={liveState.toggle} aria-pressed={liveState.on} className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
            {liveState.on ? "● Live: on" : "○ Live: off"}
          </button>
          <span role="status" className="text-slate-500">
            {liveState.on ? `Checking for new rows every ${EXPLORE_LIVE_INTERVAL_MS / 1000} s` : "Live tail paused"}
            {liveState.rows.length ? ` · ${liveState.rows.length} new` : ""}
            {liveState.error ? ` · ${liveState.error}` : ""}
          </span>
        </div>
      ) : null}
      {rows.length === 0 ? <p className="rounded border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">No events or errors match this search in this time range.</p> : (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[56rem] table-fixed border-collapse rounded border border-slate-200 bg-white text-sm" aria-label="Matching events and errors">
        <colgroup>
          <col className="w-8" />
          <col className="w-48" />
          <col className="w-56" />
          <col className="w-32" />
          <col />
          <col className="w-44" />
        </colgroup>
        <thead className="bg-slate-100 text-left text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-2 py-2">
              <span className="sr-only">Expand</span>
            </th>
            <th className="px-2 py-2">Time</th>
            <th className="px-2 py-2">Type</th>
            <th className="px-2 py-2">Actor / severity</th>
            <th className="px-2 py-2">Details</th>
            <th className="px-2 py-2">Go to</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = `${row.kind}-${row.id}`;
            const isOpen = open.has(key);
            return (
              <Fragment key={key}>
                <tr className={`border-t border-slate-100 align-top ${row.kind === "error" ? "bg-red-50/30" : ""}`} data-row-id={row.id}>
                  <td className="px-2 py-1.5">
                    <button type="button" aria-expanded={isOpen} aria-label={`${isOpen ? "Collapse" : "Expand"} ${row.kind} ${showBidiControls(row.type)}`} onClick={() => toggle(key)} className="timeline-toggle">
                      {isOpen ? "▾" : "▸"}
                    </button>
                  </td>
                  <td className="px-2 py-1.5 font-mono text-xs">
                    <LocalTime iso={row.createdAt} />
                  </td>
                  <td className="truncate px-2 py-1.5 font-mono text-xs" title={row.type}>
                    <span className={row.kind === "error" ? "timeline-kind timeline-kind-error" : "timeline-kind"}>{row.kind}</span>
                    {showBidiControls(row.type)}
                  </td>
                  <td className="truncate px-2 py-1.5 font-mono text-xs">
                    {row.severity ? <SeverityBadge severity={row.severity} /> : showBidiControls(row.actor ?? "")}
                  </td>
                  <td className="truncate px-2 py-1.5 font-mono text-xs">
                    <LinkedText text={summary(row)} />
                  </td>
                  <td className="px-2 py-1.5 text-xs">
                    <span className="flex flex-wrap gap-x-2">
                      {row.runId ? (
                        <a href={runRowHref(row.runId, row.id)} className="text-sky-700 hover:underline" aria-label={`Open ${row.kind} ${showBidiControls(row.id)} in its run`}>
                          In run
                        </a>
                      ) : null}
                      {row.traceId ? (
                        <Link href={`/traces/${encodeURIComponent(row.traceId)}`} className="text-sky-700 hover:underline">
                          Trace
                        </Link>
                      ) : null}
                      {showProject && row.projectId ? (
                        <Link href={`/projects/${encodeURIComponent(row.projectId)}/explore`} className="text-sky-700 hover:underline" title={row.projectId}>
                          Project
                        </Link>
                      ) : null}
                      <a href={`/go?q=${encodeURIComponent(row.id)}`} className="text-slate-500 hover:underline" aria-label={`Permalink to ${row.kind} ${showBidiControls(row.id)}`}>
                        #
                      </a>
                    </span>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="bg-slate-50">
                    <td />
                    <td colSpan={5} className="px-2 pb-3">
                      <div className="mb-2 flex gap-2">
                        <CopyButton text={rowJson(row)} label="Copy JSON" />
                      </div>
                      <TimelineRowDetail row={row} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
      )}
      {/* j/k, Enter/o, [/], / (the query box) and ? as on the run timeline (docs/ui.md). */}
      <div className="mt-2 text-xs text-slate-500">
        <ListShortcuts rows='table[aria-label="Matching events and errors"] > tbody > tr[data-row-id]' open=".timeline-toggle" search="#explore-q" />
      </div>
    </div>
  );
}
