"use client";
// The errors view's chart: errors per bucket stacked by severity, on uPlot (time axis in
// the viewer's zone, the legend reads each bar). Dragging across it, or clicking a bar,
// opens that range (from/to in the URL, so Back returns).
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { StackedBarsChart } from "@/components/charts/stacked-bars-chart";

// Theme colours (app/globals.css): each series keeps its meaning on a light or dark page.
const COLORS = { warning: "var(--chart-warning)", error: "var(--chart-error)", critical: "var(--chart-critical)" } as const;
const STACK = ["warning", "error", "critical"] as const;

export function SeverityChart({
  chart,
  bucketMs,
  bucketLabel,
  base,
  keep,
}: {
  /** Per bucket, oldest first: start (ms) and counts by severity. */
  chart: { start: number; warning: number; error: number; critical: number }[];
  bucketMs: number;
  bucketLabel: string;
  /** The errors page's path, and the URL parameters a zoom keeps (filters, group). */
  base: string;
  keep: [string, string][];
}) {
  const router = useRouter();
  const starts = useMemo(() => chart.map((b) => b.start), [chart]);
  const series = useMemo(() => STACK.map((s) => ({ label: s, color: COLORS[s], values: chart.map((b) => b[s]) })), [chart]);
  return (
    <StackedBarsChart
      starts={starts}
      bucketMs={bucketMs}
      series={series}
      label={`Errors per ${bucketLabel} by severity`}
      height={140}
      onRange={(from, to) => router.push(`${base}?${new URLSearchParams([...keep, ["from", new Date(from).toISOString()], ["to", new Date(to).toISOString()]])}`)}
    />
  );
}
