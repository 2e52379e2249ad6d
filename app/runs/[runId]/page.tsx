import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FirstEventHint, RemovedByRetentionNotice } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimelineFiltersForm } from "@/components/timeline/timeline-filters-form";
import { LinkCopiedNotice } from "@/components/timeline/link-copied-notice";
import { TimelineTable } from "@/components/timeline/timeline-table";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDuration } from "@/lib/format/duration";
import { showBidiControls } from "@/lib/format/split-links";
import { routeParam } from "@/lib/format/route-param";
import { findRunTimeline } from "@/lib/runs/find-run-timeline";
import { findRunTypes } from "@/lib/runs/find-run-types";
import { explainEmptyHistory } from "@/lib/runs/explain-empty-history";
import { getRun } from "@/lib/runs/get-run";
import { locateTimelineRow } from "@/lib/runs/locate-timeline-row";
import { decodeTimelineCursor, encodeTimelineCursor, timelineKeyOf } from "@/lib/runs/timeline-cursor";
import { parseTimelineQuery, timelineSearchParams } from "@/lib/runs/timeline-filters";
import { toTimelineRowDto } from "@/lib/runs/to-timeline-dto";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ runId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Run ${showBidiControls(routeParam((await params).runId) ?? "")}` };
}

export default async function RunPage({ params, searchParams }: Props) {
  await requireUser();
  const runId = routeParam((await params).runId);
  if (runId === null) notFound();
  const query = parseTimelineQuery(await searchParams);
  const run = await getRun({ runId });
  if (!run) notFound();

  let cursor = decodeTimelineCursor(query.cursor);
  let located: Awaited<ReturnType<typeof locateTimelineRow>> | null = null;
  if (query.at && !cursor) {
    located = await locateTimelineRow({ runId, rowId: query.at, filters: query.filters, order: query.order });
    cursor = located.cursor;
  }
  const [page, types] = await Promise.all([findRunTimeline({ runId, filters: query.filters, order: query.order, cursor }), findRunTypes({ runId })]);
  const base = `/runs/${encodeURIComponent(runId)}`;
  const href = (extra: { cursor?: string }) => {
    const sp = timelineSearchParams({ filters: query.filters, order: query.order, cursor: extra.cursor });
    return sp.size ? `${base}?${sp}` : base;
  };
  const filtered = query.filters.kind || query.filters.types.length || query.filters.actorTypes.length || query.filters.severities.length;
  const exportQuery = timelineSearchParams({ filters: query.filters, order: query.order });
  const isFirstPage = !cursor;
  const idleMinutes = env().RUN_IDLE_MINUTES;
  const empty = page.rows.length === 0 && isFirstPage && !filtered ? await explainEmptyHistory({ lastRowAt: run.lastRowAt }) : null;
  const newest = page.rows[0];
  const bottom = page.rows.at(-1);
  const live =
    isFirstPage && query.order === "desc"
      ? {
          after: newest ? encodeTimelineCursor({ key: timelineKeyOf(newest), direction: "next" }) : null,
          // Older pages hold what is below the page: live mode must not bring it in as new.
          floor: page.next && bottom ? encodeTimelineCursor({ key: timelineKeyOf(bottom), direction: "next" }) : null,
          query: timelineSearchParams({ filters: query.filters, order: "desc" }).toString(),
          intervalMs: 5_000,
          startOn: run.status === "running",
        }
      : null;

  // Newer/Older above and below the table; the end the run started from is marked at the
  // bottom of the page that reaches it (newest first: "Start of the run").
  const pagerLinks = (
    <>
      {page.prev ? (
        <>
          <Link href={href({})} className="text-sky-700 hover:underline">
            {query.order === "desc" ? "⇤ Newest" : "⇤ Oldest"}
          </Link>
          <Link href={href({ cursor: encodeTimelineCursor(page.prev) })} className="text-sky-700 hover:underline" rel="prev">
            ← {query.order === "desc" ? "Newer" : "Earlier"}
          </Link>
        </>
      ) : null}
      {page.next ? (
        <Link href={href({ cursor: encodeTimelineCursor(page.next) })} className="text-sky-700 hover:underline" rel="next">
          {query.order === "desc" ? "Older" : "Later"} →
        </Link>
      ) : null}
    </>
  );

  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <Breadcrumbs
          items={[
            { label: "Overview", href: "/" },
            ...(run.projectId ? [{ label: run.projectName ?? run.projectId, href: `/projects/${encodeURIComponent(run.projectId)}/runs` }] : []),
            { label: run.name ?? run.id },
          ]}
        />
        <div className="mb-4 flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <h1 className="min-w-0 text-xl font-semibold wrap-anywhere">{showBidiControls(run.name ?? run.id)}</h1>
          <RunStatusBadge status={run.displayStatus} />
          <span className="min-w-0 font-mono text-xs wrap-anywhere text-slate-500">{showBidiControls(run.id)}</span>
          <span className="text-sm text-slate-600">
            started <LocalTime iso={run.startedAt.toISOString()} />
            {" · "}
            {run.finishedAt
              ? `took ${formatDuration(Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()))}`
              : run.displayStatus === "idle"
                ? `nothing logged for over ${formatDuration(idleMinutes * 60_000)}`
                : "still running"}
          </span>
          {run.projectId ? (
            <Link href={`/projects/${encodeURIComponent(run.projectId)}/errors`} className="text-sm text-sky-700 hover:underline">
              Project errors
            </Link>
          ) : null}
        </div>
        <TimelineFiltersForm runId={runId} query={query} types={types} />
        {located && !located.found ? (
          <p role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm wrap-anywhere text-amber-800">
            This run has no event or error with the id “{showBidiControls(query.at ?? "")}”; showing the newest rows.
          </p>
        ) : null}
        {located?.hiddenByFilters ? (
          <p role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-800">
            The {located.kind} “{query.at}” is not shown: the filters leave it out; showing the rows around where it would be.{" "}
            <Link href={`${base}?${new URLSearchParams({ ...(query.order === "asc" ? { order: "asc" } : {}), at: query.at! })}#row-${encodeURIComponent(query.at!)}`} className="underline">
              Show it without filters
            </Link>
          </p>
        ) : null}
        <div className="my-3 flex flex-wrap items-center gap-3 text-sm">
          <nav aria-label="Pages" className="flex items-center gap-3">
            {pagerLinks}
          </nav>
          <span className="ml-auto flex items-center gap-2 text-slate-600">
            Export{filtered ? " (filtered)" : ""}:
            <a href={`/api${base}/export?${new URLSearchParams([...exportQuery, ["format", "csv"]])}`} className="text-sky-700 hover:underline" download>
              CSV
            </a>
            <a href={`/api${base}/export?${new URLSearchParams([...exportQuery, ["format", "ndjson"]])}`} className="text-sky-700 hover:underline" download>
              NDJSON
            </a>
            <a href={`/api${base}/export?${new URLSearchParams([...exportQuery, ["format", "json"]])}`} className="text-sky-700 hover:underline" download>
              JSON
            </a>
          </span>
        </div>
        {empty?.kind === "removed" ? (
          <RemovedByRetentionNotice history={empty} what="This run's events and errors are" />
        ) : empty?.kind === "never" ? (
          <FirstEventHint projectId={run.projectId ?? undefined} runId={run.id} />
        ) : (
          <TimelineTable
            key={`${query.cursor ?? ""}|${query.at ?? ""}|${exportQuery}`}
            runId={runId}
            rows={page.rows.map((row) => toTimelineRowDto(row, run.startedAt))}
            highlightId={query.at ?? null}
            order={query.order}
            live={live}
            edges={{ before: page.edges.before?.toISOString() ?? null, after: page.edges.after?.toISOString() ?? null }}
          />
        )}
        <LinkCopiedNotice />
        {empty ? null : (
          <nav aria-label="Pages, below the table" className="mt-3 flex items-center gap-3 text-sm">
            {pagerLinks}
            {page.next ? null : <span className="text-slate-500">{query.order === "desc" ? "Start of the run" : run.status === "running" ? "Newest row so far" : "End of the run"}</span>}
          </nav>
        )}
      </main>
    </>
  );
}
