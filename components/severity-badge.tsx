// An error's severity as a badge: the timeline's and the explorer's rows, the trace page.
// Colours from the palette, so dark mode flips them (app/globals.css).
const STYLES: Record<string, string> = {
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  error: "bg-red-50 text-red-700 ring-red-200",
  critical: "bg-red-700 text-white ring-red-800",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 font-sans text-xs font-medium ring-1 ring-inset ${STYLES[severity] ?? ""}`}>{severity}</span>;
}
