import Link from "next/link";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { LocalTime } from "@/components/local-time";
import { RunStatusBadge } from "@/components/run-status-badge";
import { env } from "@/lib/env";
import { formatDuration } from "@/lib/format/duration";
import { showBidiControls } from "@/lib/format/split-links";
import type { RunDetail } from "@/lib/runs/get-run";

/** The run page's breadcrumbs and heading: name, status, id, when it started and how long it took. */
export function RunHeader({ run }: { run: RunDetail }) {
  return (
    <>
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
              ? `nothing logged for over ${formatDuration(env().RUN_IDLE_MINUTES * 60_000)}`
              : "still running"}
        </span>
        {run.projectId ? (
          <Link href={`/projects/${encodeURIComponent(run.projectId)}/errors`} className="text-sm text-sky-700 hover:underline">
            Project errors
          </Link>
        ) : null}
      </div>
    </>
  );
}
