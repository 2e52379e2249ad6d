"use client";
import { useTheme } from "next-themes";
import { THEMES, type ThemeChoice } from "./theme-provider";
import { useHydrated } from "./use-hydrated";

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };
const ICONS: Record<ThemeChoice, string> = { system: "◐", light: "☀", dark: "☾" };


/** The header's theme switch: System (the default, follows the OS), Light or Dark, remembered in this browser. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored choice is known only in the browser: the server renders the control without one.
  const hydrated = useHydrated();
  const current = (hydrated && THEMES.includes(theme as ThemeChoice) ? theme : "system") as ThemeChoice;
  return (
    <div className="flex items-center text-sm text-slate-600">
      <span aria-hidden="true" className="mr-1">
        {ICONS[current]}
      </span>
      <select
        aria-label="Theme"
        title="Theme: System follows your device's setting"
        value={current}
        disabled={!hydrated}
        onChange={(event) => setTheme(event.target.value)}
        className="rounded border border-slate-300 bg-white px-1 py-1 text-xs focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {THEMES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>
    </div>
  );
}
