import "server-only";
import { authorizeAdminRequest, type AdminAuthorization } from "@/lib/auth/authorize-admin-request";
import { verifyAdminToken } from "@/lib/auth/verify-admin-token";
import { ConfigError, env, envSetting } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { readLimitedText } from "@/lib/http/limit-request-body";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { parseRetentionRequest } from "./parse-retention-request";
import { runRetention } from "./run-retention";

// Read at most this much of a body (4,096 characters of UTF-8 at most): never the whole of a huge one.
const RETENTION_MAX_BODY_BYTES = 16_384;

const UNAUTHORIZED = "A valid admin token or an admin's session is required.";

/**
 * POST /api/admin/retention (contract §4): bearer ADMIN_TOKEN or an admin's session;
 * optional {"dryRun": true}; 200 with cutoffs and counts, 409 while another run holds the
 * lock, 503 with Retry-After when the database is unavailable.
 *
 * The caller is authenticated before anything else, so nobody unauthenticated learns
 * anything about the server's configuration. A bad setting (which stops `npm start`, so
 * it is only met by a server started some other way) is then a 500: naming the setting to
 * an authenticated admin, generic (and logged) when the caller could not be checked.
 */
export async function handleRetentionRequest(request: Request): Promise<Response> {
  try {
    const authorization = await authorize(request);
    if (!authorization.ok) {
      throw authorization.status === 401
        ? new AppError("unauthorized", authorization.message, { headers: { "WWW-Authenticate": 'Bearer realm="logdeck"' } })
        : new AppError("forbidden", authorization.message);
    }
    const { dryRun } = parseRetentionRequest(await readLimitedText(request, RETENTION_MAX_BODY_BYTES), new URL(request.url).searchParams);
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
    return toErrorResponse(error);
  }
}

async function authorize(request: Request): Promise<AdminAuthorization> {
  let configError: ConfigError | undefined;
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    configError = error;
  }
  if (!configError) return authorizeAdminRequest(request);

  // The configuration is bad, so the usual check (which reads all of it) cannot run. What
  // can still be decided without the rest: no credentials at all, and the bearer token
  // (ADMIN_TOKEN parsed on its own). A session cannot be checked (it needs AUTH_SECRET,
  // PUBLIC_URL …): the caller gets a 500 that names nothing.
  console.error(`logdeck: ${configError.message}`);
  const header = request.headers.get("authorization");
  if (header !== null) {
    const presented = /^bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim();
    let expected: string | undefined;
    try {
      expected = envSetting("ADMIN_TOKEN");
    } catch {
      expected = undefined;
    }
    if (!verifyAdminToken({ presented, expected })) return { ok: false, status: 401, message: UNAUTHORIZED };
    throw new AppError("internal_error", configError.message);
  }
  if (!request.headers.has("cookie")) return { ok: false, status: 401, message: UNAUTHORIZED };
  throw new AppError("internal_error", "The server's configuration is invalid, so the session cannot be checked; the server's log names the setting.");
}
