// CSV cells that spreadsheets will not run (OWASP "CSV injection"): a cell whose first
// visible character starts a formula is prefixed with ' so it stays text; then RFC 4180
// quoting. "First visible": spreadsheets skip leading whitespace (space, tab, CR, LF,
// NBSP, U+3000…) and invisible characters (zero-width space/joiners, BOM, word joiner)
// before looking, and some read the full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫, −)
// as their ASCII originals.
const LEADING_INVISIBLE = /^[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]*/u;
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]/u;

/** True when a spreadsheet could read `text` as a formula. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text.replace(LEADING_INVISIBLE, ""));
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A tab or CR first is neutralised whatever follows (some spreadsheets act on them).
  if (startsLikeFormula(text) || /^[\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
