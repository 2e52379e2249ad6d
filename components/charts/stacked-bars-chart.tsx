"use client";
// Counts per time bucket, stacked, drawn with uPlot (as Grafana's time-series panels):
// a real time axis in the viewer's zone, a legend that reads each series at the cursor,
// drag across to pick a range, click a bar to pick its bucket. The parent decides what a
// picked range does (the explorer and the errors page put it in the URL).
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { cssColor, useHtmlClass } from "./chart-theme";

export interface StackedSeries {
  label: string;
  color: string;
  values: number[];
}

export function StackedBarsChart({
  starts,
  bucketMs,
  series,
  label,
  onRange,
  height = 160,
}: {
  /** Bucket starts, ms since the epoch, oldest first. */
  starts: number[];
  bucketMs: number;
  /** Bottom of the stack first. */
  series: StackedSeries[];
  /** What the chart shows, for screen readers. */
  label: string;
  /** A dragged range, or a clicked bucket: [from, to) in ms. */
  onRange?: (from: number, to: number) => void;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  // The canvas cannot read CSS variables: colours are resolved when drawing, and the chart
  // is drawn again when the theme (the class on <html>, set by next-themes) changes.
  const theme = useHtmlClass();
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // uPlot draws series in order: the tallest (cumulative) first, each lower one over it.
    const cumulative: number[][] = [];
    series.forEach((s, i) => cumulative.push(s.values.map((v, j) => v + (i ? cumulative[i - 1]![j]! : 0))));
    const order = series.map((_, i) => series.length - 1 - i);
    const xs = starts.map((ms) => ms / 1000);
    const bars = uPlot.paths.bars!({ size: [0.9, 40], align: 1 });
    let dragged = false;
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height,
        scales: { x: { time: true, range: () => [xs[0] ?? 0, (xs.at(-1) ?? 0) + bucketMs / 1000] } },
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        legend: { live: true },
        axes: [
          { stroke: cssColor("var(--chart-label)"), grid: { stroke: cssColor("var(--chart-axis)") }, ticks: { stroke: cssColor("var(--chart-axis)") } },
          { stroke: cssColor("var(--chart-label)"), grid: { stroke: cssColor("var(--chart-axis)") }, ticks: { stroke: cssColor("var(--chart-axis)") }, size: 48 },
        ],
        series: [
          { label: "Time", value: (_u, v) => (v == null ? "" : new Date(v * 1000).toLocaleString()) },
          ...order.map((i) => ({
            label: series[i]!.label,
            stroke: cssColor(series[i]!.color),
            fill: cssColor(series[i]!.color),
            width: 0,
            paths: bars,
            points: { show: false },
            // The legend reads the series' own count, not the stack's height.
            value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => (idx == null ? "" : String(series[i]!.values[idx] ?? 0)),
          })),
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 3) return;
              dragged = true;
              const from = u.posToVal(u.select.left, "x") * 1000;
              const to = u.posToVal(u.select.left + u.select.width, "x") * 1000;
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              onRangeRef.current?.(Math.floor(from), Math.ceil(to));
            },
          ],
        },
      },
      [xs, ...order.map((i) => cumulative[i]!)],
      element,
    );
    const onClick = () => {
      if (dragged) {
        dragged = false;
        return;
      }
      const idx = plot.cursor.idx;
      if (idx == null || !onRangeRef.current) return;
      onRangeRef.current(starts[idx]!, starts[idx]! + bucketMs);
    };
    plot.over.addEventListener("click", onClick);
    plot.over.style.cursor = onRangeRef.current ? "crosshair" : "default";
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener("click", onClick);
      plot.destroy();
    };
  }, [starts, bucketMs, series, height, theme]);

  const totals = series.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0).toLocaleString("en-US")}`).join(", ");
  return (
    <figure className="rounded border border-slate-200 bg-white p-2">
      {/* The canvas and its live legend are one image to a screen reader; the caption has the totals. */}
      <div ref={box} role="img" aria-label={label} data-testid="stacked-bars-chart" className="w-full" />
      <figcaption className="mt-1 text-xs text-slate-600">
        {totals}
        {onRange ? <span className="ml-2 text-slate-500">· drag across to zoom, click a bar to narrow to it</span> : null}
      </figcaption>
    </figure>
  );
}
