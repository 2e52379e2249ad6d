"use client";
// A tiny bar chart of counts, oldest first: an error group's trend in its table row. Drawn
// with uPlot like the page's chart (no axes, legend or cursor at this size); the box keeps
// its size before it draws, so rows do not move.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import { cssColor, useHtmlClass } from "./chart-theme";

const WIDTH = 120;
const HEIGHT = 24;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useHtmlClass();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const color = cssColor("var(--chart-error)");
    const plot = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        padding: [1, 0, 0, 0],
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false, range: [-0.5, values.length - 0.5] }, y: { range: [0, Math.max(1, ...values)] } },
        series: [{}, { stroke: color, fill: color, width: 0, paths: uPlot.paths.bars!({ size: [0.85, Infinity] }), points: { show: false } }],
      },
      [values.map((_, i) => i), values],
      element,
    );
    return () => plot.destroy();
  }, [values, theme]);
  return <div ref={box} role="img" aria-label={label} data-testid="sparkline" style={{ width: WIDTH, height: HEIGHT }} />;
}
