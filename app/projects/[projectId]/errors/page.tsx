import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FirstEventHint, RemovedByRetentionNotice } from "@/components/empty-state";
import { FilterForm } from "@/components/filter-form";
import { FilterSelect } from "@/components/filter-select";
import { ErrorGroupsTable } from "@/components/errors/error-groups-table";
import { ErrorListTable } from "@/components/errors/error-list-table";
import { SeverityChart } from "@/components/errors/severity-chart";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { RenameProjectForm } from "@/components/projects/rename-project-form";
import { requireUser } from "@/lib/auth/session";
import { errorViewHref, errorViewSearchParams, parseErrorViewQuery } from "@/lib/errors/error-view-query";
import { customErrorRange, errorRangeOf, ERROR_WINDOWS, type ErrorWindow } from "@/lib/errors/error-window";
import { TimeRangePicker } from "@/components/time-range-picker";
import { formatDuration } from "@/lib/format/duration";
import { findErrorOverview } from "@/lib/errors/find-error-overview";
import { findErrorTypes } from "@/lib/errors/find-error-types";
import { findProjectErrors } from "@/lib/errors/find-project-errors";
import { hasProjectErrors } from "@/lib/errors/has-project-errors";
import { routeParam } from "@/lib/format/route-param";
import { showBidiControls } from "@/lib/format/split-links";
import { getProject } from "@/lib/projects/get-project";
import { explainEmptyHistory } from "@/lib/runs/explain-empty-history";
import { SEVERITIES } from "@/lib/filters/log-enums";

export const dynamic = "force-dynamic";
export const metadata = { title: "Errors" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };


export default async function ProjectErrorsPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const projectId = routeParam((await params).projectId);
  if (projectId === null) notFound();
  const query = parseErrorViewQuery(await searchParams);
  const project = await getProject({ projectId });
  if (!project) notFound();
  const now = new Date();
  const custom = query.from && query.to ? customErrorRange(query.from, query.to) : null;
  const range = custom ?? errorRangeOf(query.window, now);
  const since = range.since;
  const rangeLabel = custom ? "chosen range" : `last ${ERROR_WINDOWS[query.window].label}`;
  const filters = { severities: query.severities, types: query.types, group: query.group };
  const [overview, list, types] = await Promise.all([
    findErrorOverview({ projectId, range, filters, now }),
    findProjectErrors({ projectId, since, until: range.until, filters, cursor: query.cursor }),
    findErrorTypes({ projectId, since: new Date(now.getTime() - ERROR_WINDOWS["7d"].ms) }),
  ]);
  const bucketLabel = range.bucketMs === 3_600_000 ? "hour" : range.bucketMs === 300_000 ? "5 min" : formatDuration(range.bucketMs);
  const base = `/projects/${encodeURIComponent(projectId)}/errors`;
  // What a new range keeps: the filters and the group (a new range starts on the first page).
  const keep = [...errorViewSearchParams({ severities: query.severities, types: query.types, group: query.group })];
  const filtered = query.severities.length > 0 || query.types.length > 0 || query.group !== undefined;
  // The selected group as the overview found it (none when it has no error in this window
  // and these filters: the page still says a group is selected).
  const selected = query.group ? overview.groups.find((g) => g.fingerprint === query.group) : undefined;

  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: project.name }, { label: "Errors" }]} />
        <h1 className="mb-2 text-xl font-semibold wrap-anywhere">
          {showBidiControls(project.name)} <span className="font-normal text-slate-500">errors</span>
        </h1>
        {user.role === "admin" ? <RenameProjectForm projectId={projectId} name={project.name} /> : null}
        <ProjectTabs projectId={projectId} current="errors" />
        <div className="mb-4 flex flex-wrap items-end gap-4">
          <TimeRangePicker
            action={base}
            keep={keep}
            presetParam="window"
            presets={(Object.keys(ERROR_WINDOWS) as ErrorWindow[]).map((w) => ({ value: w, label: `Last ${ERROR_WINDOWS[w].label}` }))}
            current={{ preset: custom ? null : query.window, from: range.since.toISOString(), to: range.until.toISOString() }}
          />
          {/* Keyed by the URL: the window links, Clear filters and Back/Forward navigate
              client-side, and the selects must start again from the URL's filter. */}
          <FilterForm key={errorViewHref(projectId, query)} className="flex flex-wrap items-end gap-3" aria-label="Filters">
            {/* What the selects do not set: the range (or window) and the group. */}
            {[...errorViewSearchParams({ window: query.window, from: query.from, to: query.to, group: query.group })].map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <FilterSelect label="Severity" name="severity" value={query.severities[0] ?? ""} anyLabel="Any severity" options={SEVERITIES} />
            <FilterSelect label="Type" name="type" value={query.types[0] ?? ""} anyLabel="Any type" options={[...new Set([...types, ...query.types])]} />
            <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600">
              Apply
            </button>
            {filtered ? (
              <Link href={errorViewHref(projectId, { window: query.window, from: query.from, to: query.to, severities: [], types: [], group: undefined })} className="py-1.5 text-sm text-slate-600 hover:underline">
                Clear filters
              </Link>
            ) : null}
          </FilterForm>
          <p className="ml-auto text-sm text-slate-600" role="status">
            <strong className="text-slate-900">{overview.total.toLocaleString("en-US")}</strong> errors in the {rangeLabel}
          </p>
        </div>
        {query.group ? (
          <section className="mb-4 flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm" aria-label="Selected group">
            <p className="min-w-0 break-words">
              Showing one group:{" "}
              {selected ? (
                <>
                  <span className="font-mono text-xs font-semibold">{showBidiControls(selected.errorType)}</span>{" "}
                  <span className="font-mono text-xs whitespace-pre-wrap">{showBidiControls(selected.pattern)}</span>
                </>
              ) : (
                <span className="text-slate-600">no error of it in the {rangeLabel}{query.severities.length || query.types.length ? " with these filters" : ""}</span>
              )}
            </p>
            <Link href={errorViewHref(projectId, { ...query, group: undefined, cursor: undefined })} className="text-sky-700 hover:underline">
              Show all groups
            </Link>
          </section>
        ) : null}

        {overview.total === 0 && !filtered ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">No errors in the {rangeLabel}.</p>
            {/* The first-event hint is for a project with no errors at all, not a quiet window. */}
            {list.rows.length === 0 && !query.cursor && !(await hasProjectErrors({ projectId })) ? <EmptyProjectHistory lastRowAt={project.lastRowAt} projectId={projectId} /> : null}
          </div>
        ) : (
          <div className="space-y-6">
            <SeverityChart
              chart={overview.chart.map((b) => ({ start: b.start.getTime(), warning: b.warning, error: b.error, critical: b.critical }))}
              bucketMs={range.bucketMs}
              bucketLabel={bucketLabel}
              base={base}
              keep={keep}
            />
            <section aria-labelledby="groups-heading">
              <h2 id="groups-heading" className="mb-2 text-lg font-semibold">
                Grouped by type and message
              </h2>
              {overview.groupCount > overview.groups.length ? (
                <p className="mb-2 text-xs text-slate-500">
                  The {overview.groups.length} largest of {overview.groupCount.toLocaleString("en-US")} groups; filter by type or severity to see the others.
                </p>
              ) : null}
              <ErrorGroupsTable
                bucketLabel={bucketLabel}
                groups={overview.groups.map((g) => ({
                  ...g,
                  firstSeen: g.firstSeen.toISOString(),
                  lastSeen: g.lastSeen.toISOString(),
                  // The type link widens a selected group to its whole type.
                  typeHref: errorViewHref(projectId, { ...query, types: [g.errorType], group: undefined, cursor: undefined }),
                  groupHref: errorViewHref(projectId, { ...query, group: g.fingerprint, cursor: undefined }),
                }))}
              />
            </section>
            <section aria-labelledby="list-heading">
              <h2 id="list-heading" className="mb-2 text-lg font-semibold">
                Newest first
              </h2>
              <ErrorListTable rows={list.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} />
              <nav aria-label="Pages" className="mt-2 flex gap-4 text-sm">
                {query.cursor ? (
                  <Link href={errorViewHref(projectId, { ...query, cursor: undefined })} className="text-sky-700 hover:underline">
                    ⇤ Newest
                  </Link>
                ) : null}
                {list.next ? (
                  <Link href={errorViewHref(projectId, { ...query, cursor: list.next })} className="text-sky-700 hover:underline" rel="next">
                    Older →
                  </Link>
                ) : (
                  <span className="text-slate-500">No older errors in this window</span>
                )}
              </nav>
            </section>
          </div>
        )}
      </main>
    </>
  );
}

/**
 * A project without a single error: never logged anything (how to send a first event),
 * or logged and had its rows removed by the retention policy (say so, with the cutoff).
 */
async function EmptyProjectHistory({ lastRowAt, projectId }: { lastRowAt: Date | null; projectId: string }) {
  const history = await explainEmptyHistory({ lastRowAt });
  if (history.kind === "never") return <FirstEventHint projectId={projectId} />;
  return history.cleanup ? <RemovedByRetentionNotice history={history} what="This project's older errors are" /> : null;
}
