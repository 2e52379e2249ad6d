import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { LocalTime } from "@/components/local-time";
import { RefreshWhileRunning } from "@/components/retention/refresh-while-running";
import { RetentionHistoryTable } from "@/components/retention/retention-history-table";
import { RetentionTrigger } from "@/components/retention/retention-trigger";
import { requireAdmin } from "@/lib/auth/session";
import { TARGET_BATCH_MS } from "@/lib/retention/delete-expired-rows";
import { findRetentionRuns } from "@/lib/retention/find-retention-runs";
import { markDeadRuns } from "@/lib/retention/mark-dead-runs";
import { previewRetention } from "@/lib/retention/preview-retention";
import { getRetentionPolicy } from "@/lib/retention/retention-policy";

export const metadata: Metadata = { title: "Retention" };
export const dynamic = "force-dynamic";

const fmt = (n: number) => n.toLocaleString("en-US");

export default async function RetentionPage() {
  await requireAdmin();
  let runs = await findRetentionRuns({ limit: 50 });
  // A run still 'running' whose process died is marked interrupted, not shown as progress.
  if (runs.some((run) => run.status === "running") && (await markDeadRuns()) > 0) runs = await findRetentionRuns({ limit: 50 });
  const running = runs.find((run) => run.status === "running");
  // The preview counts scan the expired rows; while a run deletes them, its progress says more.
  const preview = running ? null : await previewRetention();
  const policy = preview?.policy ?? getRetentionPolicy();
  return (
    <>
      <AppHeader />
      <RefreshWhileRunning running={Boolean(running)} />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <h1 className="text-xl font-semibold">Retention</h1>

        <section aria-labelledby="policy-heading" role="region" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="policy-heading" className="mb-3 font-semibold">
            Policy
          </h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">Events</dt>
            <dd>
              kept {policy.eventDays} days (<code className="font-mono">EVENT_RETENTION_DAYS</code>)
              {preview ? (
                <>
                  {" "}
                  · cutoff now <LocalTime iso={preview.eventCutoff} />
                </>
              ) : null}
            </dd>
            <dt className="text-slate-500">Errors</dt>
            <dd>
              kept {policy.errorDays} days (<code className="font-mono">ERROR_RETENTION_DAYS</code>)
              {preview ? (
                <>
                  {" "}
                  · cutoff now <LocalTime iso={preview.errorCutoff} />
                </>
              ) : null}
            </dd>
          </dl>
        </section>

        <section aria-labelledby="run-heading" role="region" className="space-y-4 rounded border border-slate-200 bg-white p-4">
          <h2 id="run-heading" className="font-semibold">
            {running ? "Run in progress" : "Preview"}
          </h2>
          {running ? (
            // Not a live region: the page re-renders every second while a run goes, and a
            // screen reader would read the counts out each time.
            <p className="text-sm">
              {running.dryRun ? "Dry run" : "Deleting"} since <LocalTime iso={running.startedAt} /> (by {running.actor}):{" "}
              <strong>{fmt(running.eventsDeleted)}</strong> events and <strong>{fmt(running.errorsDeleted)}</strong> errors deleted so far. This
              page follows it.
            </p>
          ) : preview ? (
            <p className="text-sm">
              A run now would delete <strong data-testid="preview-events">{fmt(preview.events)}</strong> events and{" "}
              <strong data-testid="preview-errors">{fmt(preview.errors)}</strong> errors.
            </p>
          ) : null}
          <RetentionTrigger
            preview={preview ? { events: preview.events, errors: preview.errors } : null}
            runs={runs.slice(0, 5).map(({ id, dryRun, status, eventsDeleted, errorsDeleted, error }) => ({ id, dryRun, status, eventsDeleted, errorsDeleted, error }))}
          />
          <p className="text-xs text-slate-500">
            Runs delete oldest first in batches sized to take about {TARGET_BATCH_MS} ms each, one short transaction per batch, so ingestion and the dashboard keep working. One run at a time across
            every instance. Cron: <code className="font-mono">npm run retention</code> or <code className="font-mono">POST /api/admin/retention</code>{" "}
            with <code className="font-mono">ADMIN_TOKEN</code>.
          </p>
        </section>

        <section aria-labelledby="history-heading" role="region">
          <h2 id="history-heading" className="mb-3 font-semibold">
            History
          </h2>
          <RetentionHistoryTable runs={runs} />
        </section>
      </main>
    </>
  );
}
