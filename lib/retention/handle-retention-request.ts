import "server-only";
import { authorizeAdminRequest } from "@/lib/auth/authorize-admin-request";
import { ConfigError } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { parseRetentionRequest } from "./parse-retention-request";
import { runRetention } from "./run-retention";

/**
 * POST /api/admin/retention (contract §4): bearer ADMIN_TOKEN or an admin's session;
 * optional {"dryRun": true}; 200 with cutoffs and counts, 409 while another run holds the
 * lock, 503 with Retry-After when the database is unavailable.
 */
export async function handleRetentionRequest(request: Request): Promise<Response> {
  try {
    const authorization = await authorizeAdminRequest(request);
    if (!authorization.ok) {
      throw authorization.status === 401
        ? new AppError("unauthorized", authorization.message, { headers: { "WWW-Authenticate": 'Bearer realm="logdeck"' } })
        : new AppError("forbidden", authorization.message);
    }
    const { dryRun } = parseRetentionRequest(await request.text());
    const { trigger, actor } = authorization.actor;
    const result = await runRetention({ trigger, actor, dryRun });
    if (result.status === "busy") {
      throw new AppError("conflict", "Another retention run is in progress; try again when it has finished.");
    }
    const { outcome } = result;
    return Response.json(
      {
        dryRun: outcome.dryRun,
        events: { cutoff: outcome.eventCutoff.toISOString(), count: outcome.eventsCount },
        errors: { cutoff: outcome.errorCutoff.toISOString(), count: outcome.errorsCount },
        durationMs: outcome.durationMs,
        runId: outcome.id,
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    // A bad EVENT_RETENTION_DAYS etc.: say which setting, as start-up and the CLI do.
    if (error instanceof ConfigError) {
      console.error(`logdeck: ${error.message}`);
      return toErrorResponse(new AppError("internal_error", error.message));
    }
    return toErrorResponse(error);
  }
}
