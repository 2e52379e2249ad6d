import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { FirstEventHint } from "@/components/empty-state";
import { GoToBox } from "@/components/go-to-box";
import { RunsTable } from "@/components/runs/runs-table";
import { requireUser } from "@/lib/auth/session";
import { showBidiControls } from "@/lib/format/split-links";
import { findProjectsOverview, type ProjectOverview } from "@/lib/projects/find-projects-overview";
import { findRecentRuns } from "@/lib/runs/find-recent-runs";

export const dynamic = "force-dynamic";

function Trend({ project }: { project: ProjectOverview }) {
  const { errorsLast24h: now, errorsPrevious24h: before } = project;
  if (now === before) return <span className="text-slate-500">no change vs the previous 24 h</span>;
  const up = now > before;
  const pct = before === 0 ? null : Math.round(((now - before) / before) * 100);
  return (
    <span className={up ? "text-red-700" : "text-emerald-700"} title={`${before.toLocaleString("en-US")} in the previous 24 h`}>
      {up ? "▲" : "▼"} {pct === null ? "new" : `${Math.abs(pct)}%`} vs the previous 24 h
    </span>
  );
}

export default async function HomePage() {
  await requireUser();
  const [{ projects, total: projectCount, totalCapped }, runs] = await Promise.all([findProjectsOverview(), findRecentRuns({ limit: 20 })]);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <section aria-labelledby="goto-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="goto-heading" className="mb-2 text-sm font-semibold text-slate-700">
            Paste a traceId, runId or event id
          </h2>
          <GoToBox shortcut={false} />
        </section>
        <section aria-labelledby="projects-heading" role="region">
          <h2 id="projects-heading" className="mb-3 text-lg font-semibold">
            Projects
          </h2>
          {projects.length === 0 ? (
            <FirstEventHint />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {projects.map((project) => (
                <li key={project.id} className="rounded border border-slate-200 bg-white p-4">
                  <Link href={`/projects/${encodeURIComponent(project.id)}/errors`} className="font-medium wrap-anywhere hover:underline">
                    {showBidiControls(project.name)}
                  </Link>
                  <p className="mt-1 font-mono text-xs wrap-anywhere text-slate-500">{showBidiControls(project.id)}</p>
                  <p className="mt-2 text-sm">
                    <span className={project.errorsLast24h > 0 ? "font-semibold text-red-700" : "text-slate-600"}>{project.errorsLast24h.toLocaleString("en-US")}</span> {project.errorsLast24h === 1 ? "error" : "errors"} in the
                    last 24 h · <Trend project={project} />
                  </p>
                  <p className="mt-1 text-sm text-slate-600">
                    <Link href={`/projects/${encodeURIComponent(project.id)}/runs`} className="hover:underline">
                      {project.runCount.toLocaleString("en-US")} {project.runCount === 1 ? "run" : "runs"}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          )}
          {projectCount > projects.length ? (
            <p className="mt-3 text-sm text-slate-500">
              The {projects.length.toLocaleString("en-US")} busiest of {projectCount.toLocaleString("en-US")}
              {totalCapped ? "+" : ""} projects (most errors in the last 24 h first); paste an id in
              the box above to reach any other.
            </p>
          ) : null}
        </section>
        <section aria-labelledby="runs-heading" role="region">
          <h2 id="runs-heading" className="mb-3 text-lg font-semibold">
            Recent runs
          </h2>
          {runs.length === 0 ? (
            <p className="text-sm text-slate-500">No runs yet.</p>
          ) : (
            <RunsTable
              showProject
              runs={runs.map((r) => ({ id: r.id, name: r.name, status: r.displayStatus, startedAt: r.startedAt.toISOString(), durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null, projectName: r.projectName }))}
            />
          )}
        </section>
      </main>
    </>
  );
}
