"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { Sparkline } from "./sparkline";

export interface ErrorGroupDto {
  errorType: string;
  pattern: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  sampleTraceId: string;
  buckets: number[];
  /** Link that filters the page to this group's type. */
  typeHref: string;
}


export function ErrorGroupsTable({ groups, bucketLabel }: { groups: ErrorGroupDto[]; bucketLabel: string }) {
  const columns = useMemo<DataTableColumn<ErrorGroupDto>[]>(
    () => [
      {
        id: "error",
        header: "Error",
        cell: ({ row }) => (
          <div>
            <Link href={row.original.typeHref} className="font-mono text-xs font-semibold hover:underline">
              {row.original.errorType}
            </Link>
            <p className="font-mono text-xs break-words whitespace-pre-wrap text-slate-700">{row.original.pattern}</p>
          </div>
        ),
      },
      { id: "count", header: "Count", cell: ({ row }) => <span className="font-semibold tabular-nums">{row.original.count.toLocaleString("en-US")}</span> },
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
  return <DataTable columns={columns} data={groups} getRowId={(g) => `${g.errorType}|${g.pattern}`} rowClassName="align-top" />;
}
