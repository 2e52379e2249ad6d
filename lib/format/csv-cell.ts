// CSV cells that spreadsheets will not run: a cell starting with = + - @ (or a tab or
// carriage return, which some spreadsheets skip before looking) is prefixed with ' so
// it stays text (OWASP "CSV injection"); then RFC 4180 quoting.

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
