// The DOM side of the list shortcuts (use-list-shortcuts.ts): which row is current, moving
// to another, opening it. Rows are found by selector each time, so rows that live mode adds
// or a new page brings are simply there; the current row is marked by an attribute that
// React never renders, so a re-render does not clear it.

export const CURRENT_ATTRIBUTE = "data-kbd-current";

/** A list's rows and how to open one (selectors; `open` is looked up inside a row). */
export interface ListSelectors {
  rows: string;
  open?: string;
}

const DEFAULT_OPEN = "a[href], button";
const INTERACTIVE = "a[href], button, summary, input, select, textarea, [contenteditable], [role=button], [role=link]";

function listRows(selector: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].filter((row) => row.getClientRects().length > 0);
}

function currentIndex(rows: HTMLElement[]): number {
  const active = document.activeElement;
  const focused = active ? rows.findIndex((row) => row.contains(active)) : -1;
  return focused >= 0 ? focused : rows.findIndex((row) => row.hasAttribute(CURRENT_ATTRIBUTE));
}

function openTarget(row: HTMLElement, open: string | undefined): HTMLElement | null {
  return row.querySelector<HTMLElement>(open ?? DEFAULT_OPEN);
}

/** Makes `row` the current one: marked, its open control focused (so Enter works natively), scrolled to. */
function makeCurrent(row: HTMLElement, open: string | undefined): void {
  for (const marked of document.querySelectorAll(`[${CURRENT_ATTRIBUTE}]`)) marked.removeAttribute(CURRENT_ATTRIBUTE);
  row.setAttribute(CURRENT_ATTRIBUTE, "");
  const target = openTarget(row, open);
  if (target) target.focus({ preventScroll: true });
  else {
    row.tabIndex = -1;
    row.focus({ preventScroll: true });
  }
  row.scrollIntoView({ block: "nearest" });
}

/** j/k: the next or previous row (the first when none is current yet). Returns whether it moved. */
export function moveCurrentRow({ rows: selector, open }: ListSelectors, delta: 1 | -1): boolean {
  const rows = listRows(selector);
  if (!rows.length) return false;
  const index = currentIndex(rows);
  const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + delta));
  makeCurrent(rows[next]!, open);
  return true;
}

/**
 * o/Enter: activates the current row's open control. Enter on a focused link or button is
 * left to the browser (it activates that element already; doing it here too would open twice).
 */
export function openCurrentRow({ rows: selector, open }: ListSelectors, key: "o" | "enter"): boolean {
  if (key === "enter" && document.activeElement?.matches(INTERACTIVE)) return false;
  const rows = listRows(selector);
  const index = currentIndex(rows);
  if (index < 0) return false;
  const target = openTarget(rows[index]!, open);
  if (!target) return false;
  target.click();
  return true;
}

/** [/]: follows the page's previous or next page link, if there is one. */
export function followPageLink(selector: string): boolean {
  const link = document.querySelector<HTMLElement>(selector);
  if (!link) return false;
  link.click();
  return true;
}

/** /: focuses (and selects) the search box. */
export function focusSearch(selector: string): boolean {
  const box = document.querySelector<HTMLElement>(selector);
  if (!box) return false;
  box.focus();
  if (box instanceof HTMLInputElement || box instanceof HTMLTextAreaElement) box.select();
  return true;
}
