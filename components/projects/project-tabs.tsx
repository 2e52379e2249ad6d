import Link from "next/link";

export function ProjectTabs({ projectId, current }: { projectId: string; current: "errors" | "runs" | "explore" }) {
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const tab = (key: "errors" | "runs" | "explore", label: string) => (
    <Link
      href={`${base}/${key}`}
      aria-current={current === key ? "page" : undefined}
      className={`border-b-2 px-1 pb-1 ${current === key ? "border-slate-900 font-medium text-slate-900" : "border-transparent text-slate-500 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Project" className="mb-4 flex gap-4 text-sm">
      {tab("errors", "Errors")}
      {tab("runs", "Runs")}
      {tab("explore", "Explore")}
    </nav>
  );
}
