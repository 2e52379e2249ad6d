import type { ErrorOverview } from "@/lib/errors/find-error-overview";

// Theme colours (app/globals.css): each series keeps its meaning on a light or dark page.
const COLORS = { warning: "var(--chart-warning)", error: "var(--chart-error)", critical: "var(--chart-critical)" } as const;
const ORDER = ["critical", "error", "warning"] as const;

/** Errors per bucket, stacked by severity, as inline SVG with a text summary for screen readers. */
export function SeverityChart({ chart, bucketLabel }: { chart: ErrorOverview["chart"]; bucketLabel: string }) {
  const totals = chart.map((b) => b.warning + b.error + b.critical);
  const max = Math.max(1, ...totals);
  const width = 720;
  const height = 120;
  const bar = width / Math.max(chart.length, 1);
  const sum = (key: (typeof ORDER)[number]) => chart.reduce((acc, b) => acc + b[key], 0);
  return (
    <figure className="rounded border border-slate-200 bg-white p-3">
      <svg viewBox={`0 0 ${width} ${height + 14}`} className="h-36 w-full" role="img" aria-label={`Errors per ${bucketLabel} by severity`}>
        {chart.map((b, i) => {
          let y = height;
          return (
            <g key={i}>
              <title>{`${b.start.toISOString()}: ${b.critical} critical, ${b.error} error, ${b.warning} warning`}</title>
              {ORDER.map((severity) => {
                const h = (b[severity] / max) * height;
                y -= h;
                return h > 0 ? <rect key={severity} x={i * bar + 1} y={y} width={Math.max(bar - 2, 1)} height={h} style={{ fill: COLORS[severity] }} /> : null;
              })}
            </g>
          );
        })}
        <line x1={0} y1={height} x2={width} y2={height} style={{ stroke: "var(--chart-axis)" }} />
        <text x={0} y={height + 12} fontSize={10} style={{ fill: "var(--chart-label)" }}>
          {chart[0] ? "oldest" : ""}
        </text>
        <text x={width} y={height + 12} fontSize={10} style={{ fill: "var(--chart-label)" }} textAnchor="end">
          now
        </text>
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        {ORDER.map((s) => (
          <span key={s} className="flex items-center gap-1">
            <span className="inline-block h-2 w-2 rounded-sm" style={{ background: COLORS[s] }} />
            {s}: {sum(s).toLocaleString("en-US")}
          </span>
        ))}
        <span className="ml-auto">peak {max.toLocaleString("en-US")} per {bucketLabel}</span>
      </figcaption>
    </figure>
  );
}
