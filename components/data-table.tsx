"use client";

import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";

// The plain tables of the dashboard (runs, error groups, error lists): columns from the
// caller, one look. The run timeline has rows that open, and renders its own.
export const dataTableFeatures = tableFeatures({});
export type DataTableColumn<Row extends RowData> = ColumnDef<typeof dataTableFeatures, Row>;

interface DataTableProps<Row extends RowData> {
  columns: DataTableColumn<Row>[];
  data: Row[];
  getRowId: (row: Row) => string;
  label?: string;
  rowClassName?: string;
}

export function DataTable<Row extends RowData>({ columns, data, getRowId, label, rowClassName = "" }: DataTableProps<Row>) {
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId });
  return (
    <table className="w-full overflow-hidden rounded border border-slate-200 bg-white text-sm" aria-label={label}>
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
          <tr key={row.id} className={`border-t border-slate-100 ${rowClassName}`}>
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
