/** A tiny bar chart of counts, oldest first, as inline SVG. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = 120;
  const height = 24;
  const bar = width / Math.max(values.length, 1);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="text-red-500">
      {values.map((v, i) => {
        const h = v === 0 ? 0 : Math.max(1.5, (v / max) * height);
        return <rect key={i} x={i * bar + 0.5} y={height - h} width={Math.max(bar - 1, 0.5)} height={h} fill="currentColor" />;
      })}
    </svg>
  );
}
