"use client";

import { PageError } from "@/components/page-error";
import { ThemeProvider } from "@/components/theme/theme-provider";
import "./globals.css";

// Replaces the root layout when the layout itself fails, so it brings its own document.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <title>Error · logdeck</title>
        <ThemeProvider>
          <PageError error={error} retry={retry} />
        </ThemeProvider>
      </body>
    </html>
  );
}
