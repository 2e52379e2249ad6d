"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { ListShortcuts } from "@/components/keyboard/list-shortcuts";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";
import { showBidiControls } from "@/lib/format/split-links";
import { runRowHref } from "@/lib/runs/row-permalink";

export interface ErrorRowDto {
  id: string;
  traceId: string;
  errorType: string;
  message: string;
  severity: string;
  endpoint: string | null;
  runId: string | null;
  createdAt: string;
}


export function ErrorListTable({ rows }: { rows: ErrorRowDto[] }) {
  const columns = useMemo<DataTableColumn<ErrorRowDto>[]>(
    () => [
      { id: "time", header: "Time", cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
      { id: "severity", header: "Severity", cell: ({ row }) => <span className="text-xs">{row.original.severity}</span> },
      {
        id: "type",
        header: "Type",
        // Cut to two lines; the tooltip and the error's trace have all of it.
        cell: ({ row }) => (
          <span title={showBidiControls(row.original.errorType)} className="log-cell line-clamp-2 font-mono text-xs">
            {showBidiControls(row.original.errorType)}
          </span>
        ),
      },
      {
        id: "message",
        header: "Message",
        cell: ({ row }) => (
          <span className="log-cell line-clamp-2 text-xs">
            <LinkedText text={row.original.message} />
          </span>
        ),
      },
      {
        id: "links",
        header: "Open",
        cell: ({ row }) => (
          <span className="flex gap-2 text-xs whitespace-nowrap">
            <Link href={`/traces/${encodeURIComponent(row.original.traceId)}#error-${encodeURIComponent(row.original.id)}`} className="text-sky-700 hover:underline">
              trace
            </Link>
            {row.original.runId ? (
              <Link href={runRowHref(row.original.runId, row.original.id)} className="text-sky-700 hover:underline">
                run
              </Link>
            ) : null}
          </span>
        ),
      },
    ],
    [],
  );
  return (
    <>
      <DataTable columns={columns} data={rows} getRowId={(r) => r.id} label="Errors" rowClassName="align-top" />
      {/* j/k walk these rows; o or Enter opens a row's trace. */}
      <ListShortcuts rows='table[aria-label="Errors"] > tbody > tr' open='a[href^="/traces/"]' />
    </>
  );
}
