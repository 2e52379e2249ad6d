"use client";
// What uPlot's canvases need from the page's theme: colours resolved from CSS variables
// (a canvas cannot read them), and a value that changes when the theme does, to redraw.
import { useEffect, useState } from "react";

/** A colour as the canvas takes it: `var(--name)` read from the document's current theme. */
export function cssColor(color: string): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!variable) return color;
  return getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || "#64748b";
}

/** The class attribute of <html>, following its changes (the theme switch, set by next-themes). */
export function useHtmlClass(): string {
  const [value, setValue] = useState("");
  useEffect(() => {
    const html = document.documentElement;
    setValue(html.className);
    const observer = new MutationObserver(() => setValue(html.className));
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return value;
}
