"use client";
import { useHotkeys, type Options } from "react-hotkeys-hook";
import { focusSearch, followPageLink, moveCurrentRow, openCurrentRow, type ListSelectors } from "./list-navigation";

export interface ListShortcutOptions extends ListSelectors {
  /** The box `/` focuses (a selector). Without one, `/` is the header's go-to box's own shortcut. */
  search?: string;
  /** The links `[` and `]` follow. */
  prevPage?: string;
  nextPage?: string;
}

/** What `?` lists (components/keyboard/shortcuts-help.tsx) and docs/ui.md describes. */
export const LIST_SHORTCUTS = [
  { keys: ["j", "k"], action: "Next / previous row" },
  { keys: ["Enter", "o"], action: "Open the row" },
  { keys: ["[", "]"], action: "Previous / next page" },
  { keys: ["/"], action: "Focus search" },
  { keys: ["?"], action: "Show these shortcuts" },
] as const;

/**
 * Not while typing (react-hotkeys-hook already skips inputs, selects and text areas), not with
 * a modifier held (Ctrl+K is the browser's), and not inside or under a modal dialog.
 */
function ignore(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target instanceof Element ? event.target : null;
  return Boolean(target?.closest("dialog") || document.querySelector("dialog:modal"));
}

// Keys by the character they type (useKey), so `[` or `/` work on any keyboard layout.
const options: Options = { useKey: true, ignoreEventWhen: ignore };

/**
 * j/k, Enter/o, [/], / and (through onHelp) ? for one list on the page: a list opts in with
 * its row selector (and what opens a row), and the rest is the same everywhere.
 */
export function useListShortcuts({ rows, open, search, prevPage = 'a[rel~="prev"]', nextPage = 'a[rel~="next"]', onHelp }: ListShortcutOptions & { onHelp: () => void }) {
  const list = { rows, open };
  const act = (done: boolean, event: KeyboardEvent) => {
    if (done) event.preventDefault();
  };
  useHotkeys("j", (e) => act(moveCurrentRow(list, 1), e), options, [rows, open]);
  useHotkeys("k", (e) => act(moveCurrentRow(list, -1), e), options, [rows, open]);
  useHotkeys("o", (e) => act(openCurrentRow(list, "o"), e), options, [rows, open]);
  useHotkeys("enter", (e) => act(openCurrentRow(list, "enter"), e), options, [rows, open]);
  useHotkeys("[", (e) => act(followPageLink(prevPage), e), options, [prevPage]);
  useHotkeys("]", (e) => act(followPageLink(nextPage), e), options, [nextPage]);
  useHotkeys("/", (e) => act(search ? focusSearch(search) : false, e), { ...options, enabled: Boolean(search) }, [search]);
  // `?` is Shift+/ on most layouts and something else on others: any Shift state will do.
  useHotkeys(
    "?",
    (e) => {
      e.preventDefault();
      onHelp();
    },
    { ...options, ignoreModifiers: true },
    [onHelp],
  );
}
