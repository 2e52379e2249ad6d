const STYLES: Record<string, string> = {
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  // Running, but nothing logged for RUN_IDLE_MINUTES.
  idle: "bg-amber-50 text-amber-800 ring-amber-200",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function RunStatusBadge({ status }: { status: string }) {
  const style = STYLES[status] ?? "bg-slate-50 text-slate-700 ring-slate-200";
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>{status}</span>;
}
