import "server-only";
import { isStorableText } from "@/lib/format/storable-text";
import { AppError } from "@/lib/http/app-error";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { planQuery } from "@/lib/query/plan-query";
import { QuerySyntaxError, type QueryNode } from "@/lib/query/query-terms";
import { getRetentionPolicy } from "@/lib/retention/retention-policy";
import { loadExploreState, timeRangeProblem, type ExploreState } from "./explore-url";
import { resolveTimeRange, type TimeRange } from "./resolve-time-range";

/**
 * A search as the export and live routes receive it: the page's URL state (the same
 * parsers as the page), plus `project` for a project's explorer. A query the language
 * cannot read is a 400 that says what and where.
 */
export function parseExploreRequest(request: Request): { state: ExploreState; projectId?: string; tree: QueryNode; range: TimeRange } {
  const search = searchParamsRecord(request.url);
  const state = loadExploreState(request.url);
  const project = firstParam(search.project);
  if (project !== undefined && (!isStorableText(project) || project.length > 200)) throw new AppError("bad_request", "project is not a project id.", { details: [{ field: "project", message: "not a project id" }] });
  let tree: QueryNode;
  try {
    tree = planQuery(state.q);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw new AppError("bad_request", `Column ${error.column}: ${error.message}`, { details: [{ field: "q", message: error.message }] });
  }
  const rangeProblem = timeRangeProblem(search, state);
  if (rangeProblem) throw new AppError("bad_request", rangeProblem.message, { details: [rangeProblem] });
  const policy = getRetentionPolicy();
  const range = resolveTimeRange({ ...state, now: new Date(), retainedDays: Math.max(policy.eventDays, policy.errorDays) });
  return { state, ...(project !== undefined ? { projectId: project } : {}), tree, range };
}
