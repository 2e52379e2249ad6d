"use client";
import Link from "next/link";
import { useMemo } from "react";
import { tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";

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

const features = tableFeatures({});

export function ErrorListTable({ rows }: { rows: ErrorRowDto[] }) {
  const columns = useMemo<ColumnDef<typeof features, ErrorRowDto>[]>(
    () => [
      { id: "time", header: "Time", cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
      { id: "severity", header: "Severity", cell: ({ row }) => <span className="text-xs">{row.original.severity}</span> },
      { id: "type", header: "Type", cell: ({ row }) => <span className="font-mono text-xs">{row.original.errorType}</span> },
      {
        id: "message",
        header: "Message",
        cell: ({ row }) => (
          <span className="line-clamp-2 text-xs break-words">
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
              <Link href={`/runs/${encodeURIComponent(row.original.runId)}?at=${encodeURIComponent(row.original.id)}#row-${encodeURIComponent(row.original.id)}`} className="text-sky-700 hover:underline">
                run
              </Link>
            ) : null}
          </span>
        ),
      },
    ],
    [],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.id });
  return (
    <table className="w-full rounded border border-slate-200 bg-white text-sm" aria-label="Errors">
      <thead className="bg-slate-100 text-left text-xs text-slate-500 uppercase">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} className="px-3 py-2">
                <table.FlexRender header={header} />
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-error-id={row.original.id} className="border-t border-slate-100 align-top">
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="px-3 py-1.5">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
