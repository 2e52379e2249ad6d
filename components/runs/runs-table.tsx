"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { RunStatusBadge } from "@/components/run-status-badge";
import { formatDuration } from "@/lib/format/duration";
import { showBidiControls } from "@/lib/format/split-links";

export interface RunRowDto {
  id: string;
  name: string | null;
  status: string;
  startedAt: string;
  /** null while running */
  durationMs: number | null;
  projectName?: string | null;
}


/** Runs with status and duration. `startedHeader` lets a page make the column a sort link. */
export function RunsTable({ runs, showProject, startedHeader }: { runs: RunRowDto[]; showProject: boolean; startedHeader?: { href: string; label: string } }) {
  const columns = useMemo<DataTableColumn<RunRowDto>[]>(
    () => [
      {
        id: "run",
        header: "Run",
        cell: ({ row }) => (
          <Link href={`/runs/${encodeURIComponent(row.original.id)}`} className="log-cell line-clamp-2 hover:underline">
            {showBidiControls(row.original.name ?? row.original.id)}
          </Link>
        ),
      },
      ...(showProject ? [{ id: "project", header: "Project", cell: ({ row }: { row: { original: RunRowDto } }) => (row.original.projectName ? <span className="log-cell line-clamp-2">{showBidiControls(row.original.projectName)}</span> : "—") } as DataTableColumn<RunRowDto>] : []),
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
  return <DataTable columns={columns} data={runs} getRowId={(r) => r.id} />;
}
