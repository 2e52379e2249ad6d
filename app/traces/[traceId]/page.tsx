import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { JsonBlock } from "@/components/json-block";
import { prettyJsonText } from "@/lib/format/exact-json";
import { LinkedText } from "@/components/linked-text";
import { LocalTime } from "@/components/local-time";
import { CopyButton } from "@/components/copy-button";
import { SeverityBadge } from "@/components/severity-badge";
import { TraceContextList } from "@/components/traces/trace-context-list";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { showBidiControls } from "@/lib/format/split-links";
import { normalizeLookupId } from "@/lib/search/normalize-lookup-id";
import { firstParam } from "@/lib/http/search-params";
import { decodeTimelineCursor, encodeTimelineCursor, type TimelineCursor } from "@/lib/runs/timeline-cursor";
import { runRowHref } from "@/lib/runs/row-permalink";
import { CONTEXT_AFTER_MS, findTraceOnce, type Trace, type TraceRunContext } from "@/lib/traces/find-trace";
import { findTraceContext, TRACE_CONTEXT_PAGE_SIZE } from "@/lib/traces/find-trace-context";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Trace ${showBidiControls((routeParam((await params).traceId) ?? "").slice(0, 40))}` };
}

export default async function TracePage({ params, searchParams }: Props) {
  await requireUser();
  const raw = routeParam((await params).traceId);
  const lookup = raw === null ? null : normalizeLookupId(raw);
  // The layout has sent a non-canonical UUID to its canonical URL already.
  if (!lookup) notFound();
  const trace = await findTraceOnce(lookup.id);
  if (!trace) notFound();
  const first = trace.errors[0]!;
  // "What happened" pages one run at a time: ?run=<runId>&page=<cursor>.
  const sp = await searchParams;
  const pagedRun = firstParam(sp.run) ?? null;
  const pageCursor = decodeTimelineCursor(firstParam(sp.page));
  const projectLabel = (projectId: string) => trace.projectNames[projectId] ?? projectId;
  const projectIds = [...new Set(trace.errors.flatMap((e) => (e.projectId ? [e.projectId] : [])))];
  const contexts = await Promise.all(
    trace.runs.map(async (context) => ({
      context,
      page: await findTraceContext({ runId: context.runId, firstError: context.firstError, from: context.from, cursor: context.runId === pagedRun ? pageCursor : null }),
    })),
  );

  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-6 py-6">
        <Breadcrumbs
          items={[
            { label: "Overview", href: "/" },
            ...(first.projectId ? [{ label: projectLabel(first.projectId), href: `/projects/${encodeURIComponent(first.projectId)}/errors` }] : []),
            { label: `Trace ${trace.traceId}` },
          ]}
        />
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">Trace</h1>
          <code className="font-mono text-sm">{trace.traceId}</code>
          <CopyButton text={trace.traceId} label="Copy traceId" />
          <span className="text-sm text-slate-600">
            {trace.totalErrors.toLocaleString("en-US")} error{trace.totalErrors === 1 ? "" : "s"}
            {trace.totalErrors > trace.errors.length ? ` — showing the latest ${trace.errors.length.toLocaleString("en-US")}` : ""}
          </span>
        </div>

        {projectIds.length > 1 ? (
          <p role="note" className="mb-4 rounded bg-amber-50 p-2 text-sm text-amber-800">
            This trace holds errors from {projectIds.length} projects ({projectIds.map(projectLabel).map(showBidiControls).join(", ")}): each error names its project.
          </p>
        ) : null}
        <section aria-labelledby="errors-heading" className="space-y-4">
          <h2 id="errors-heading" className="sr-only">
            Errors
          </h2>
          {trace.errors.map((error) => (
            <article key={error.id} id={`error-${error.id}`} className="rounded border border-slate-200 bg-white p-4 target:ring-2 target:ring-amber-400" aria-label={`${showBidiControls(error.errorType)} error`}>
              <header className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={error.severity} />
                <span className="min-w-0 font-mono text-sm font-semibold wrap-anywhere">{showBidiControls(error.errorType)}</span>
                <LocalTime iso={error.createdAt.toISOString()} />
                {error.projectId ? (
                  <Link href={`/projects/${encodeURIComponent(error.projectId)}/errors`} className="min-w-0 text-xs wrap-anywhere text-slate-600 hover:underline" aria-label={`Project ${showBidiControls(projectLabel(error.projectId))}`}>
                    project <span className="font-medium">{showBidiControls(projectLabel(error.projectId))}</span>
                  </Link>
                ) : (
                  <span className="text-xs text-slate-500">no project</span>
                )}
                {error.endpoint ? <code className="rounded bg-slate-100 px-1 font-mono text-xs break-all">{showBidiControls(error.endpoint)}</code> : null}
                {error.runId ? (
                  <Link href={runRowHref(error.runId, error.id)} className="ml-auto text-sm text-sky-700 hover:underline">
                    Open in the run timeline →
                  </Link>
                ) : null}
              </header>
              <p className="mt-2 text-sm whitespace-pre-wrap break-words">
                <LinkedText text={error.message} />
              </p>
              <p className="mt-1 font-mono text-xs text-slate-500">{showBidiControls(error.id)}</p>
              <div className="mt-3 space-y-3">
                {error.stack ? <JsonBlock text={error.stack} label="Stack trace" /> : <p className="text-xs text-slate-500">No stack trace.</p>}
                {error.detailJson === null ? <p className="text-xs text-slate-500">No detail.</p> : <JsonBlock text={prettyJsonText(error.detailJson)} label="Detail" />}
              </div>
            </article>
          ))}
        </section>

        {contexts.map(({ context, page }) => (
          <TraceRunSection key={context.runId} trace={trace} context={context} page={page} />
        ))}
      </main>
    </>
  );
}

/** "What happened" in one run: its events around the trace's errors, a page at a time, with their payloads. */
function TraceRunSection({
  trace,
  context,
  page,
}: {
  trace: Trace;
  context: TraceRunContext;
  page: Awaited<ReturnType<typeof findTraceContext>>;
}) {
  const firstEvent = page.events[0];
  const lastEvent = page.events[page.events.length - 1];
  // The trace's errors in this run that fall within this page (all of them at the run's ends).
  const errorsHere = trace.errors.filter(
    (e) => e.runId === context.runId && (!page.earlier || (firstEvent && e.createdAt >= firstEvent.createdAt)) && (!page.later || (lastEvent && e.createdAt <= lastEvent.createdAt)),
  );
  const lines = [
    ...page.events.map((e) => ({ kind: "event" as const, id: e.id, at: e.createdAt, label: e.type, detail: `${e.actorType ?? ""}${e.actorId ? `:${e.actorId}` : ""}`, payload: e.dataText ?? "{}" })),
    ...errorsHere.map((e) => ({ kind: "error" as const, id: e.id, at: e.createdAt, label: e.errorType, detail: e.message.slice(0, 200), payload: null })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1))
    .map((line) => ({ ...line, at: line.at.toISOString(), href: runRowHref(context.runId, line.id) }));
  const base = `/traces/${encodeURIComponent(trace.traceId)}`;
  const pageHref = (cursor: TimelineCursor) => `${base}?${new URLSearchParams({ run: context.runId, page: encodeTimelineCursor(cursor) })}#run-${encodeURIComponent(context.runId)}`;
  const pager = (where: string) => (
    <nav aria-label={`Pages of ${showBidiControls(context.runName ?? context.runId)}${where}`} className="my-2 flex gap-4 text-sm">
      {page.earlier ? (
        <Link href={pageHref(page.earlier)} className="text-sky-700 hover:underline" rel="prev">
          ← Earlier events
        </Link>
      ) : (
        <span className="text-slate-500">Start of the run</span>
      )}
      <Link href={`${base}#run-${encodeURIComponent(context.runId)}`} className="text-sky-700 hover:underline">
        Around the first error
      </Link>
      {page.later ? (
        <Link href={pageHref(page.later)} className="text-sky-700 hover:underline" rel="next">
          Later events →
        </Link>
      ) : (
        <span className="text-slate-500">Newest event of the run</span>
      )}
    </nav>
  );
  return (
    <section id={`run-${context.runId}`} aria-label={`Events around the errors in run ${showBidiControls(context.runName ?? context.runId)}`} className="mt-8">
      <h2 className="text-lg font-semibold wrap-anywhere">
        What happened in{" "}
        <Link href={`/runs/${encodeURIComponent(context.runId)}`} className="text-sky-700 hover:underline">
          {showBidiControls(context.runName ?? context.runId)}
        </Link>
      </h2>
      <p className="text-sm text-slate-600">
        The trace&apos;s errors in this run are from <LocalTime iso={context.firstError.createdAt.toISOString()} /> to{" "}
        <LocalTime iso={new Date(context.to.getTime() - CONTEXT_AFTER_MS).toISOString()} />. Events a page at a time ({TRACE_CONTEXT_PAGE_SIZE}); open a line for its payload.
      </p>
      {pager("")}
      {lines.length === 0 ? <p className="text-sm text-slate-500">No events here.</p> : <TraceContextList lines={lines} />}
      {lines.length > 20 ? pager(", below the events") : null}
    </section>
  );
}
