"use client";

import type { ReactNode } from "react";
import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";

// The plain tables of the dashboard (runs, error groups, error lists): columns from the
// caller, one look. The run timeline has rows that open, and renders its own.
export const dataTableFeatures = tableFeatures({});

/**
 * A column of ours: TanStack's definition, with an id and a cell rendered from its row
 * alone (see renderCell).
 */
export type DataTableColumn<Row extends RowData> = Omit<ColumnDef<typeof dataTableFeatures, Row>, "id" | "cell"> & {
  id: string;
  cell: (context: { row: { original: Row } }) => ReactNode;
};

/**
 * One cell of a row, by its column's `cell`. Not `row.getAllCells()` and `<FlexRender
 * cell>`: TanStack Table v9 builds a memoized cell object and context for every cell,
 * which took 4 of the 7 ms a 100-row timeline page spent rendering its rows (measured with
 * renderToString; README, Query benchmark). Our cells read only their row, which
 * DataTableColumn's type holds them to.
 */
export function renderCell<Row extends RowData>(column: { columnDef: unknown }, row: { original: Row }): ReactNode {
  return (column.columnDef as DataTableColumn<Row>).cell({ row });
}

interface DataTableProps<Row extends RowData> {
  columns: DataTableColumn<Row>[];
  data: Row[];
  getRowId: (row: Row) => string;
  label?: string;
  rowClassName?: string;
}

export function DataTable<Row extends RowData>({ columns, data, getRowId, label, rowClassName = "" }: DataTableProps<Row>) {
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId });
  const leafColumns = table.getAllLeafColumns();
  // Too wide for a narrow screen, the table scrolls sideways in its own box; the page does
  // not. On a phone each row is a card instead (`data-table`, app/globals.css).
  return (
    <div className="overflow-x-auto">
      <table className="data-table w-full overflow-hidden rounded border border-slate-200 bg-white text-sm" aria-label={label}>
        <thead className="bg-slate-100 text-left text-xs text-slate-600 uppercase">
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
              {leafColumns.map((column) => (
                // data-label: on a phone a row is a card, each value under its column's name (app/globals.css).
                <td key={column.id} className="px-3 py-2" data-label={typeof column.columnDef.header === "string" ? column.columnDef.header : undefined}>
                  {renderCell(column, row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
