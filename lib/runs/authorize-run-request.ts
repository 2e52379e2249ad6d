import "server-only";
import { AppError } from "@/lib/http/app-error";
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
