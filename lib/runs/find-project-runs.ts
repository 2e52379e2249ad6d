import "server-only";
import { z } from "zod";
import { readPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runDisplayStatus } from "./run-display-status";
import { isStorableText } from "@/lib/format/storable-text";
import { ZUserTimestampSchema } from "@/lib/format/user-timestamp";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface ProjectRun {
  id: string;
  name: string | null;
  status: string;
  /** "idle" for a running run that has not logged for RUN_IDLE_MINUTES. */
  displayStatus: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const RUN_STATUSES = ["running", "succeeded", "failed", "cancelled"] as const;
export const RUNS_PAGE_SIZE = 50;

// No row's id holds a NUL or an unpaired surrogate: such a cursor is ignored like any tampered one.
const ZCursorSchema = z.tuple([ZUserTimestampSchema, z.string().min(1).max(200).refine(isStorableText)]);

function decode(raw: string | undefined): { startedAt: Date; id: string } | null {
  if (!raw || raw.length > 400) return null;
  try {
    const parsed = ZCursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { startedAt: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** A project's runs by start time (newest first unless `order` is "asc"), keyset-paginated on (started_at, id). */
export async function findProjectRuns({
  projectId,
  status,
  order = "desc",
  cursor,
  limit = RUNS_PAGE_SIZE,
  startedFrom,
  startedTo,
}: {
  projectId: string;
  status?: string;
  /** Runs started in [startedFrom, startedTo), when set. */
  startedFrom?: Date;
  startedTo?: Date;
  order?: "asc" | "desc";
  cursor?: string;
  limit?: number;
}): Promise<{ rows: ProjectRun[]; next: string | null }> {
  const after = decode(cursor);
  const take = Math.min(Math.max(limit, 1), 200);
  const beyond = order === "desc" ? "lt" : "gt";
  const where: Prisma.RunWhereInput = {
    projectId,
    ...(status ? { status } : {}),
    ...(startedFrom || startedTo ? { AND: [{ startedAt: { ...(startedFrom ? { gte: startedFrom } : {}), ...(startedTo ? { lt: startedTo } : {}) } }] } : {}),
    ...(after ? { OR: [{ startedAt: { [beyond]: after.startedAt } }, { startedAt: after.startedAt, id: { [beyond]: after.id } }] } : {}),
  };
  const rows = await readPrisma().run.findMany({
    where,
    select: { id: true, name: true, status: true, startedAt: true, finishedAt: true, lastRowAt: true },
    orderBy: [{ startedAt: order }, { id: order }],
    take: take + 1,
  });
  const now = new Date();
  const idleMinutes = env().RUN_IDLE_MINUTES;
  const page = rows.slice(0, take).map(({ lastRowAt, ...run }) => ({ ...run, displayStatus: runDisplayStatus({ ...run, lastRowAt }, { now, idleMinutes }) }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > take && last ? Buffer.from(JSON.stringify([last.startedAt.toISOString(), last.id])).toString("base64url") : null };
}
