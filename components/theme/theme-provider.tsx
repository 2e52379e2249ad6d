"use client";
import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";

/** The browser's choice (localStorage "theme"), else the system's; the `theme` key and values are docs/ui.md's. */
export const THEMES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

/**
 * next-themes puts `dark` or `light` on <html> from an inline script that runs before the
 * page paints (no flash of the wrong theme), follows the system setting while the choice is
 * "system", and keeps other tabs in step through the storage event.
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem enableColorScheme disableTransitionOnChange storageKey="theme">
      {children}
    </NextThemesProvider>
  );
}
