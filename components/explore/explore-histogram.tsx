"use client";
// The explorer's histogram: a dragged range or a clicked bar becomes the URL's from/to
// (a navigation, so Back returns to the wider range).
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { StackedBarsChart } from "@/components/charts/stacked-bars-chart";
import { exploreHref } from "@/lib/explore/explore-url";

// Theme colours (app/globals.css): legible on a light or a dark page.
const COLORS = { event: "var(--chart-event)", warning: "var(--chart-warning)", error: "var(--chart-error)", critical: "var(--chart-critical)" } as const;

export function ExploreHistogram({ base, q, starts, bucketMs, counts }: { base: string; q: string; starts: number[]; bucketMs: number; counts: Record<keyof typeof COLORS, number[]> }) {
  const router = useRouter();
  const series = useMemo(() => (Object.keys(COLORS) as (keyof typeof COLORS)[]).map((key) => ({ label: key === "event" ? "events" : key, color: COLORS[key], values: counts[key] })), [counts]);
  return (
    <StackedBarsChart
      starts={starts}
      bucketMs={bucketMs}
      series={series}
      label="Matching rows over time, by kind and severity"
      onRange={(from, to) => router.push(exploreHref(base, { q, from: new Date(from), to: new Date(to) }))}
    />
  );
}
