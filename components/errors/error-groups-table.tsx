"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { showBidiControls } from "@/lib/format/split-links";
import { Sparkline } from "@/components/charts/sparkline";

export interface ErrorGroupDto {
  fingerprint: string;
  errorType: string;
  pattern: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  sampleTraceId: string;
  buckets: number[];
  /** Link that filters the page to this group's type. */
  typeHref: string;
  /** Link that narrows the page to this group alone (`?group=<fingerprint>`). */
  groupHref: string;
}


export function ErrorGroupsTable({ groups, bucketLabel }: { groups: ErrorGroupDto[]; bucketLabel: string }) {
  const columns = useMemo<DataTableColumn<ErrorGroupDto>[]>(
    () => [
      {
        id: "error",
        header: "Error",
        cell: ({ row }) => (
          <div>
            {/* A long type is cut to two lines here; the tooltip, the selected group and the trace have all of it. */}
            <Link href={row.original.typeHref} title={showBidiControls(row.original.errorType)} className="log-cell line-clamp-2 font-mono text-xs font-semibold hover:underline">
              {showBidiControls(row.original.errorType)}
            </Link>
            <p className="log-cell font-mono text-xs whitespace-pre-wrap">
              <Link href={row.original.groupHref} className="text-slate-700 hover:underline" title="Show only this group's errors">
                {showBidiControls(row.original.pattern)}
              </Link>
            </p>
          </div>
        ),
      },
      {
        id: "count",
        header: "Count",
        cell: ({ row }) => (
          <Link href={row.original.groupHref} className="font-semibold tabular-nums hover:underline" aria-label={`${row.original.count.toLocaleString("en-US")} ${row.original.count === 1 ? "error" : "errors"} of this group`}>
            {row.original.count.toLocaleString("en-US")}
          </Link>
        ),
      },
      { id: "trend", header: `Per ${bucketLabel}`, cell: ({ row }) => <Sparkline values={row.original.buckets} label={`${row.original.count} errors, per ${bucketLabel}`} /> },
      { id: "first", header: "First seen", cell: ({ row }) => <LocalTime iso={row.original.firstSeen} /> },
      { id: "last", header: "Last seen", cell: ({ row }) => <LocalTime iso={row.original.lastSeen} /> },
      {
        id: "example",
        header: "Example",
        cell: ({ row }) => (
          <Link href={`/traces/${encodeURIComponent(row.original.sampleTraceId)}`} className="text-xs text-sky-700 hover:underline">
            a trace →
          </Link>
        ),
      },
    ],
    [bucketLabel],
  );
  return <DataTable columns={columns} data={groups} getRowId={(g) => g.fingerprint} label="Error groups" rowClassName="align-top" />;
}
