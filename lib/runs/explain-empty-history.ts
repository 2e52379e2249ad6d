import "server-only";
import { prisma } from "@/lib/db/client";
import { getRetentionPolicy } from "@/lib/retention/retention-policy";

/**
 * Why a run or project that shows no rows is empty:
 * - "never": it never had a row (lastRowAt is null), so the page shows how to send one;
 * - "removed": it had rows and they are gone, removed by the retention policy. `cleanup`
 *   is the last retention run that deleted (its cutoffs: rows older were removed), null
 *   when none is recorded (the rows went some other way); `policy` the days kept now.
 */
const DAY = 86_400_000;

export type EmptyHistory =
  | { kind: "never" }
  | {
      kind: "removed";
      lastRowAt: Date;
      cleanup: { finishedAt: Date; eventCutoff: Date; errorCutoff: Date } | null;
      policy: { eventDays: number; errorDays: number };
      /** The policy's cutoffs at `now`: what goes at the next cleanup. */
      policyCutoff: { events: Date; errors: Date };
    };

export async function explainEmptyHistory({ lastRowAt, now = new Date() }: { lastRowAt: Date | null; now?: Date }): Promise<EmptyHistory> {
  if (lastRowAt === null) return { kind: "never" };
  const cleanup = await prisma().retentionRun.findFirst({
    where: { dryRun: false, status: "succeeded", finishedAt: { not: null } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { finishedAt: true, eventCutoff: true, errorCutoff: true },
  });
  const policy = getRetentionPolicy();
  return {
    kind: "removed",
    lastRowAt,
    cleanup: cleanup ? { finishedAt: cleanup.finishedAt!, eventCutoff: cleanup.eventCutoff, errorCutoff: cleanup.errorCutoff } : null,
    policy,
    policyCutoff: { events: new Date(now.getTime() - policy.eventDays * DAY), errors: new Date(now.getTime() - policy.errorDays * DAY) },
  };
}
