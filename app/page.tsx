import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { RunStatusBadge } from "@/components/run-status-badge";
import { formatDuration } from "@/lib/format/duration";
import { requireUser } from "@/lib/auth/session";
import { findProjectsOverview } from "@/lib/projects/find-projects-overview";
import { findRecentRuns } from "@/lib/runs/find-recent-runs";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requireUser();
  const [projects, runs] = await Promise.all([findProjectsOverview(), findRecentRuns({ limit: 20 })]);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <section aria-labelledby="projects-heading" role="region">
          <h2 id="projects-heading" className="mb-3 text-lg font-semibold">
            Projects
          </h2>
          {projects.length === 0 ? (
            <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
              No projects yet. Send a first event to <code className="font-mono">POST /api/events</code>, or load demo
              data with <code className="font-mono">npm run db:seed</code>.
            </p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {projects.map((project) => (
                <li key={project.id} className="rounded border border-slate-200 bg-white p-4">
                  <Link href={`/projects/${encodeURIComponent(project.id)}/errors`} className="font-medium hover:underline">
                    {project.name}
                  </Link>
                  <p className="mt-1 font-mono text-xs text-slate-500">{project.id}</p>
                  <p className="mt-2 text-sm">
                    <span className={project.errorsLast24h > 0 ? "font-semibold text-red-700" : "text-slate-600"}>
                      {project.errorsLast24h.toLocaleString("en-US")}
                    </span>{" "}
                    errors in the last 24 h · {project.runCount.toLocaleString("en-US")} runs
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="runs-heading" role="region">
          <h2 id="runs-heading" className="mb-3 text-lg font-semibold">
            Recent runs
          </h2>
          <table className="w-full overflow-hidden rounded border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Run</th>
                <th className="px-3 py-2">Project</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Started (UTC)</th>
                <th className="px-3 py-2">Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/runs/${encodeURIComponent(run.id)}`} className="hover:underline">
                      {run.name ?? run.id}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{run.projectName ?? "—"}</td>
                  <td className="px-3 py-2">
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{run.startedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">{run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : "running"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}
