"use client";
import Link from "next/link";
import { useMemo } from "react";
import { tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { LocalTime } from "@/components/local-time";
import { RunStatusBadge } from "@/components/run-status-badge";
import { formatDuration } from "@/lib/format/duration";

export interface RunRowDto {
  id: string;
  name: string | null;
  status: string;
  startedAt: string;
  /** null while running */
  durationMs: number | null;
  projectName?: string | null;
}

const features = tableFeatures({});

/** Runs with status and duration. `startedHeader` lets a page make the column a sort link. */
export function RunsTable({ runs, showProject, startedHeader }: { runs: RunRowDto[]; showProject: boolean; startedHeader?: { href: string; label: string } }) {
  const columns = useMemo<ColumnDef<typeof features, RunRowDto>[]>(
    () => [
      {
        id: "run",
        header: "Run",
        cell: ({ row }) => (
          <Link href={`/runs/${encodeURIComponent(row.original.id)}`} className="hover:underline">
            {row.original.name ?? row.original.id}
          </Link>
        ),
      },
      ...(showProject ? [{ id: "project", header: "Project", cell: ({ row }: { row: { original: RunRowDto } }) => row.original.projectName ?? "—" } as ColumnDef<typeof features, RunRowDto>] : []),
      { id: "status", header: "Status", cell: ({ row }) => <RunStatusBadge status={row.original.status} /> },
      {
        id: "started",
        header: () =>
          startedHeader ? (
            <Link href={startedHeader.href} className="hover:underline">
              {startedHeader.label}
            </Link>
          ) : (
            "Started"
          ),
        cell: ({ row }) => <LocalTime iso={row.original.startedAt} />,
      },
      { id: "duration", header: "Duration", cell: ({ row }) => (row.original.durationMs === null ? "running" : formatDuration(row.original.durationMs)) },
    ],
    [showProject, startedHeader],
  );
  const table = useTable({ features, columns, data: runs, getRowId: (r) => r.id });
  return (
    <table className="w-full overflow-hidden rounded border border-slate-200 bg-white text-sm">
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
          <tr key={row.id} className="border-t border-slate-100">
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="px-3 py-2">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
