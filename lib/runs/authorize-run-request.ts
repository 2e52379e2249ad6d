import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { acquireHeavySlot, type HeavySlot } from "@/lib/http/heavy-request-limit";
import { getSessionUser } from "@/lib/auth/session";
import { isStorableText } from "@/lib/format/storable-text";
import { getRun, type RunDetail } from "./get-run";

/** For the timeline's route handlers: a signed-in user (401) and an existing run (404). */
export async function authorizeRunRequest(request: Request, runId: string): Promise<RunDetail> {
  const user = await getSessionUser(request.headers);
  if (!user) throw new AppError("unauthorized", "Sign in to read logs.");
  // An id no run can have (NUL, unpaired surrogate) is not looked up: PostgreSQL would refuse the parameter.
  const run = isStorableText(runId) ? await getRun({ runId }) : null;
  if (!run) throw new AppError("not_found", `No run has the id "${runId}".`);
  return run;
}

/**
 * As authorizeRunRequest, for a heavy request (a live poll, an export): also takes one of
 * the user's HEAVY_REQUESTS_PER_USER slots (429 when none is left), to release when done.
 */
export async function authorizeHeavyRunRequest(request: Request, runId: string): Promise<{ run: RunDetail; slot: HeavySlot }> {
  const user = await getSessionUser(request.headers);
  if (!user) throw new AppError("unauthorized", "Sign in to read logs.");
  const slot = acquireHeavySlot(user.id, env().HEAVY_REQUESTS_PER_USER);
  try {
    const run = isStorableText(runId) ? await getRun({ runId }) : null;
    if (!run) throw new AppError("not_found", `No run has the id "${runId}".`);
    return { run, slot };
  } catch (error) {
    slot.release();
    throw error;
  }
}
