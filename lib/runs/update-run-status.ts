import "server-only";
import { database, STATEMENT_TIMEOUT_MS } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { TRunUpdate } from "./run-lifecycle-input";

export interface RunState {
  id: string;
  projectId: string | null;
  name: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
}

type Row = { id: string; project_id: string | null; name: string | null; status: string; started_at: string; finished_at: string | null };

// One upsert: a run the API names before any of its rows exists is created (as ingestion
// does; started now, or at its end when the body reports one already past). An update keeps what the body leaves out; "started" (running again) clears the
// end; an ending status sets it. The WHERE refuses a run of another project; RETURNING
// then gives nothing and the caller says why.
const UPSERT = `
  INSERT INTO runs (id, project_id, name, status, started_at, finished_at)
  VALUES ($1, $2, $3, COALESCE($4, 'running'), COALESCE($5::timestamptz, LEAST($7::timestamptz, $6::timestamptz)), $6::timestamptz)
  ON CONFLICT (id) DO UPDATE SET
    project_id = COALESCE(runs.project_id, EXCLUDED.project_id),
    name = COALESCE($3, runs.name),
    status = COALESCE($4, runs.status),
    started_at = COALESCE($5::timestamptz, runs.started_at),
    finished_at = CASE WHEN $4::text IS NULL THEN runs.finished_at ELSE $6::timestamptz END
  WHERE $2::text IS NULL OR runs.project_id IS NULL OR runs.project_id = $2
  RETURNING id, project_id, name, status, to_json(started_at) #>> '{}' AS started_at, to_json(finished_at) #>> '{}' AS finished_at`;

/**
 * Sets what a client says about a run (PATCH /api/runs/:runId): its name, its status
 * (started / succeeded / failed / cancelled, with its end time) and project, creating the
 * run (and project) when it does not exist yet. A key bound to a project touches only
 * that project's runs (403); a run of another project is never moved (409).
 */
export async function updateRunStatus({ runId, input, boundProjectId, now }: { runId: string; input: TRunUpdate; boundProjectId: string | null; now: Date }): Promise<RunState> {
  if (boundProjectId !== null && input.projectId !== undefined && input.projectId !== boundProjectId) {
    throw new AppError("forbidden", `This ingest key may only write project "${boundProjectId}"; the body names "${input.projectId}".`, { details: [{ field: "projectId", message: `is not the key's project "${boundProjectId}"` }] });
  }
  const projectId = input.projectId ?? boundProjectId;
  const status = input.status === undefined ? null : input.status === "started" ? "running" : input.status;
  const endedAt = status === null || status === "running" ? null : (input.endedAt ?? now);
  const row = await database().transaction(
    async (sql) => {
      if (projectId !== null) await sql("INSERT INTO projects (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING", [projectId]);
      const updated = (await sql<Row>(UPSERT, [runId, projectId, input.name ?? null, status, input.startedAt?.toISOString() ?? null, endedAt?.toISOString() ?? null, now.toISOString()])).rows[0];
      // The body alone is checked at the boundary; against what is stored (an end before
      // the stored start, a start after the stored end) only here. Throwing rolls it back.
      // (An end the body leaves to the time of receipt is let be: the start may be up to
      // INGEST_MAX_FUTURE_SECONDS ahead by a client's clock.)
      if ((input.endedAt || input.startedAt) && updated?.finished_at && Date.parse(updated.finished_at) < Date.parse(updated.started_at)) {
        const [field, message] = input.endedAt || !input.startedAt
          ? (["endedAt", `is before the run's startedAt (${updated.started_at})`] as const)
          : (["startedAt", `is after the run's endedAt (${updated.finished_at})`] as const);
        throw new AppError("validation_failed", `${field} ${message}. Nothing was changed.`, { details: [{ field, message }] });
      }
      if (updated) return updated;
      const owner = (await sql<{ project_id: string | null }>("SELECT project_id FROM runs WHERE id = $1", [runId])).rows[0]?.project_id ?? null;
      if (boundProjectId !== null) {
        throw new AppError("forbidden", `This ingest key may only write project "${boundProjectId}"; run "${runId}" is a run of another project. Nothing was changed.`, { details: [{ field: "runId", message: `is a run of another project than the key's project "${boundProjectId}"` }] });
      }
      throw new AppError("conflict", `Run "${runId}" belongs to project "${owner}", not "${projectId}"; a run's project cannot change. Nothing was changed.`, { details: [{ field: "projectId", message: `the run belongs to project "${owner}"` }] });
    },
    { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
  );
  return { id: row.id, projectId: row.project_id, name: row.name, status: row.status, startedAt: row.started_at, endedAt: row.finished_at };
}
