import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FirstEventHint } from "@/components/empty-state";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { RenameProjectForm } from "@/components/projects/rename-project-form";
import { RunsTable } from "@/components/runs/runs-table";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { showBidiControls } from "@/lib/format/split-links";
import { getProject } from "@/lib/projects/get-project";
import { findProjectRuns, RUN_STATUSES } from "@/lib/runs/find-project-runs";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const RUN_RANGES = { "24h": { label: "24 h", ms: 86_400_000 }, "7d": { label: "7 d", ms: 7 * 86_400_000 }, "30d": { label: "30 d", ms: 30 * 86_400_000 }, all: { label: "All", ms: null } } as const;
const ZInstant = z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional().catch(undefined);
const ZRunsQuerySchema = z.object({
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  range: z.enum(["24h", "7d", "30d", "all"]).catch("all"),
  from: ZInstant,
  to: ZInstant,
  order: z.enum(["desc", "asc"]).catch("desc"),
  cursor: z.string().max(400).optional().catch(undefined),
});

export default async function ProjectRunsPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const projectId = routeParam((await params).projectId);
  if (projectId === null) notFound();
  const sp = await searchParams;
  const query = ZRunsQuerySchema.parse({ status: first(sp.status), order: first(sp.order) ?? "desc", cursor: first(sp.cursor), range: first(sp.range) ?? "all", from: first(sp.from), to: first(sp.to) });
  // An absolute range (both ends, start first) overrides the preset.
  const now = new Date();
  const custom = query.from && query.to && query.from < query.to ? { from: query.from, to: query.to } : null;
  const presetMs = RUN_RANGES[query.range].ms;
  const startedFrom = custom?.from ?? (presetMs ? new Date(now.getTime() - presetMs) : undefined);
  const startedTo = custom?.to;
  const project = await getProject({ projectId });
  if (!project) notFound();
  const page = await findProjectRuns({ projectId, status: query.status, order: query.order, cursor: query.cursor, startedFrom, startedTo });
  const base = `/projects/${encodeURIComponent(projectId)}/runs`;
  const href = (q: { status?: string; order: string; cursor?: string }) => {
    const p = new URLSearchParams();
    if (q.status) p.set("status", q.status);
    if (custom) {
      p.set("from", custom.from.toISOString());
      p.set("to", custom.to.toISOString());
    } else if (query.range !== "all") p.set("range", query.range);
    if (q.order !== "desc") p.set("order", q.order);
    if (q.cursor) p.set("cursor", q.cursor);
    return p.size ? `${base}?${p}` : base;
  };
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: project.name }, { label: "Runs" }]} />
        <h1 className="mb-2 text-xl font-semibold wrap-anywhere">
          {showBidiControls(project.name)} <span className="font-normal text-slate-500">runs</span>
        </h1>
        {user.role === "admin" ? <RenameProjectForm projectId={projectId} name={project.name} /> : null}
        <ProjectTabs projectId={projectId} current="runs" />
        <div className="mb-3">
          <TimeRangePicker
            action={base}
            keep={[...(query.status ? [["status", query.status] as [string, string]] : []), ...(query.order !== "desc" ? [["order", query.order] as [string, string]] : [])]}
            presetParam="range"
            presets={(Object.keys(RUN_RANGES) as (keyof typeof RUN_RANGES)[]).map((r) => ({ value: r, label: `Started: ${RUN_RANGES[r].label}` }))}
            current={{ preset: custom ? null : query.range, from: (startedFrom ?? new Date(now.getTime() - 30 * 86_400_000)).toISOString(), to: (startedTo ?? now).toISOString() }}
          />
        </div>
        <nav aria-label="Status" className="mb-3 flex flex-wrap gap-2 text-sm">
          {[undefined, ...RUN_STATUSES].map((status) => (
            <Link
              key={status ?? "all"}
              href={href({ status, order: query.order })}
              aria-current={status === query.status ? "page" : undefined}
              className={`rounded px-2 py-0.5 ${status === query.status ? "bg-slate-800 text-white" : "border border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {status ?? "all"}
            </Link>
          ))}
        </nav>
        {page.rows.length === 0 && !query.cursor && !query.status && !startedFrom ? (
          <FirstEventHint projectId={projectId} />
        ) : (
          <RunsTable
            showProject={false}
            startedHeader={{ href: href({ status: query.status, order: query.order === "desc" ? "asc" : "desc" }), label: query.order === "desc" ? "Started ↓" : "Started ↑" }}
            runs={page.rows.map((r) => ({ id: r.id, name: r.name, status: r.displayStatus, startedAt: r.startedAt.toISOString(), durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null }))}
          />
        )}
        <nav aria-label="Pages" className="mt-2 flex gap-4 text-sm">
          {query.cursor ? (
            <Link href={href({ status: query.status, order: query.order })} className="text-sky-700 hover:underline">
              ⇤ First page
            </Link>
          ) : null}
          {page.next ? (
            <Link href={href({ status: query.status, order: query.order, cursor: page.next })} className="text-sky-700 hover:underline" rel="next">
              Next page →
            </Link>
          ) : null}
        </nav>
      </main>
    </>
  );
}
