// Bulk loading with COPY, PostgreSQL's fastest insert path (~93k rows/s here against
// ~5k for Prisma's createMany). Rows are encoded in COPY's text format.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

export type CopyValue = string | number | boolean | Date | bigint | null | undefined | object;
export type CopyRows = Iterable<readonly CopyValue[]> | AsyncIterable<readonly CopyValue[]>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`copyRows: "${name}" is not a plain identifier`);
  }
  return `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;
}

/** One value in COPY text format: \N for null, backslash escapes for the rest. */
export function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/[\\\t\n\r]/g, (ch) =>
    ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r",
  );
}

export function encodeCopyRow(row: readonly CopyValue[]): string {
  return row.map(encodeCopyValue).join("\t") + "\n";
}

async function* encodeRows(rows: CopyRows, counter: { count: number }): AsyncGenerator<string> {
  let chunk = "";
  for await (const row of rows as AsyncIterable<readonly CopyValue[]>) {
    chunk += encodeCopyRow(row);
    counter.count++;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export async function copyIntoPostgres(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  rows: CopyRows,
): Promise<number> {
  const sql = copyStatement(table, columns, "STDIN");
  const client = await pool.connect();
  const counter = { count: 0 };
  try {
    await pipeline(Readable.from(encodeRows(rows, counter)), client.query(copyFrom(sql)));
    return counter.count;
  } finally {
    client.release();
  }
}

export async function copyIntoPglite(
  pglite: PGlite,
  table: string,
  columns: readonly string[],
  rows: CopyRows,
): Promise<number> {
  // PGlite has no COPY FROM STDIN; it reads COPY input from a Blob at /dev/blob. The
  // input goes in slices so that memory stays flat however many rows there are.
  const sql = copyStatement(table, columns, "'/dev/blob'");
  const counter = { count: 0 };
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    await pglite.query(sql, [], { blob: new Blob(parts) });
    parts = [];
    size = 0;
  };
  for await (const chunk of encodeRows(rows, counter)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= 16 * 1024 * 1024) await flush();
  }
  await flush();
  return counter.count;
}
