"use client";

import { Fragment, type ReactNode } from "react";
import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";

// The dashboard's tables (runs, error groups, error lists, the run timeline): columns from
// the caller, one look — or, for the timeline, the caller's look (`className`).
export const dataTableFeatures = tableFeatures({});

/**
 * A column of ours: TanStack's definition, with an id and a cell rendered from its row
 * alone (see renderCell).
 */
export type DataTableColumn<Row extends RowData> = Omit<ColumnDef<typeof dataTableFeatures, Row>, "id" | "cell"> & {
  id: string;
  cell: (context: { row: { original: Row } }) => ReactNode;
  /** The column's width, as a class of its `<col>` (the table then has a `<colgroup>`). */
  width?: string;
  /** A class of each of the column's cells, in a table with a look of its own (`className`). */
  className?: string;
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
  /** A row's key, unique in the table; an open row's detail is `#detail-<key>`. */
  getRowId: (row: Row) => string;
  label?: string;
  /**
   * The table's class, for a table with a look of its own in app/globals.css (the run
   * timeline's `timeline`): its rows and cells then carry only `rowClassName` and their
   * column's `className` — no padding or phone-card label repeated in 100 rows' HTML.
   * Without it, the plain look: padded cells, a card per row on a phone (`data-table`).
   */
  className?: string;
  /** A row's classes: the same for every row, or by row. */
  rowClassName?: string | ((row: Row) => string);
  /** A row's element id, for links to it (`#row-…`). */
  rowAnchor?: (row: Row) => string;
  /**
   * An open row's detail, or null while it is closed: a row below it (`detail-<key>`,
   * class `row-detail`) spanning every column but the first, where its toggle is.
   */
  renderExpanded?: (row: Row) => ReactNode;
  /** A full-width row above row `index` (at data.length: below the last row), or null. */
  renderBetween?: (index: number) => ReactNode;
}

export function DataTable<Row extends RowData>({ columns, data, getRowId, label, className, rowClassName, rowAnchor, renderExpanded, renderBetween }: DataTableProps<Row>) {
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId });
  const leafColumns = table.getAllLeafColumns();
  const plain = className === undefined;
  const classOf = typeof rowClassName === "function" ? rowClassName : () => rowClassName ?? "";
  const rows = table.getRowModel().rows;
  // Too wide for a narrow screen, the table scrolls sideways in its own box; the page does
  // not. On a phone each row is a card instead (`data-table`, app/globals.css).
  return (
    <div className="overflow-x-auto">
      <table className={plain ? "data-table w-full overflow-hidden rounded border border-slate-200 bg-white text-sm" : className} aria-label={label}>
        {columns.some((column) => column.width) ? (
          <colgroup>
            {columns.map((column) => (
              <col key={column.id} className={column.width} />
            ))}
          </colgroup>
        ) : null}
        <thead className="bg-slate-100 text-left text-xs text-slate-600 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={plain ? "px-3 py-2" : "px-2 py-2"}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const detail = renderExpanded?.(row.original) ?? null;
            return (
              <Fragment key={row.id}>
                {renderBetween?.(index)}
                <tr id={rowAnchor?.(row.original)} className={plain ? `border-t border-slate-100 ${classOf(row.original)}` : classOf(row.original)}>
                  {leafColumns.map((column) =>
                    plain ? (
                      // data-label: on a phone a row is a card, each value under its column's name (app/globals.css).
                      <td key={column.id} className="px-3 py-2" data-label={typeof column.columnDef.header === "string" ? column.columnDef.header : undefined}>
                        {renderCell(column, row)}
                      </td>
                    ) : (
                      <td key={column.id} className={(column.columnDef as DataTableColumn<Row>).className}>
                        {renderCell(column, row)}
                      </td>
                    ),
                  )}
                </tr>
                {detail === null ? null : (
                  <tr id={`detail-${row.id}`} className="row-detail">
                    <td />
                    <td colSpan={leafColumns.length - 1} className="pb-3">
                      {detail}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {renderBetween?.(rows.length)}
        </tbody>
      </table>
    </div>
  );
}
