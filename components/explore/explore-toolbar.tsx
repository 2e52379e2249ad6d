/** Export links for the search as it stands (its whole range, every page). */
export function ExploreToolbar({ exportQuery }: { exportQuery: string }) {
  const href = (format: string) => `/api/explore/export?${new URLSearchParams([...new URLSearchParams(exportQuery), ["format", format]])}`;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
      <span className="flex items-center gap-2">
        Export:
        {["csv", "ndjson", "json"].map((format) => (
          <a key={format} href={href(format)} download className="text-sky-700 hover:underline">
            {format.toUpperCase()}
          </a>
        ))}
      </span>
    </div>
  );
}
