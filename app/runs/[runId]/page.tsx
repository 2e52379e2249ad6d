import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { FirstEventHint, RemovedByRetentionNotice } from "@/components/empty-state";
import { LinkCopiedNotice } from "@/components/timeline/link-copied-notice";
import { LocatedRowNotice } from "@/components/timeline/located-row-notice";
import { RunHeader } from "@/components/timeline/run-header";
import { TimelineExportLinks } from "@/components/timeline/timeline-export-links";
import { TimelineFiltersForm } from "@/components/timeline/timeline-filters-form";
import { TimelinePager } from "@/components/timeline/timeline-pager";
import { TimelineTable } from "@/components/timeline/timeline-table";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { showBidiControls } from "@/lib/format/split-links";
import { loadRunTimeline } from "@/lib/runs/load-run-timeline";
import { parseTimelineQuery, timelineSearchParams } from "@/lib/runs/timeline-filters";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ runId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Run ${showBidiControls(routeParam((await params).runId) ?? "")}` };
}

// GET /runs/[runId]?<filters>&order=&cursor=|at= – a run's events and errors, a page at a time.
export default async function RunPage({ params, searchParams }: Props) {
  await requireUser();
  const runId = routeParam((await params).runId);
  if (runId === null) notFound();
  const query = parseTimelineQuery(await searchParams);
  const view = await loadRunTimeline({ runId, query });
  if (!view) notFound();
  const { run, empty } = view;
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <RunHeader run={run} />
        <TimelineFiltersForm runId={runId} query={query} types={view.types} />
        <LocatedRowNotice runId={runId} query={query} located={view.located} />
        <div className="my-3 flex flex-wrap items-center gap-3 text-sm">
          <TimelinePager runId={runId} query={query} page={view} label="Pages" className="flex items-center gap-3" />
          <TimelineExportLinks runId={runId} query={query} />
        </div>
        {empty?.kind === "removed" ? (
          <RemovedByRetentionNotice history={empty} what="This run's events and errors are" />
        ) : empty?.kind === "never" ? (
          <FirstEventHint projectId={run.projectId ?? undefined} runId={run.id} />
        ) : (
          // A new page, filter or permalink is a new table (its open rows and live state start again).
          <TimelineTable key={timelineSearchParams(query).toString()} runId={runId} rows={view.rows} highlightId={query.at ?? null} order={query.order} live={view.live} edges={view.edges} />
        )}
        <LinkCopiedNotice />
        {empty ? null : (
          <TimelinePager runId={runId} query={query} page={view} label="Pages, below the table" className="mt-3 flex items-center gap-3 text-sm">
            {/* The end the run started from, at the bottom of the page that reaches it. */}
            {view.next ? null : <span className="text-slate-500">{query.order === "desc" ? "Start of the run" : run.status === "running" ? "Newest row so far" : "End of the run"}</span>}
          </TimelinePager>
        )}
      </main>
    </>
  );
}
