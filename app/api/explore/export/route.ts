import { getSessionUser } from "@/lib/auth/session";
import { queryExploreRows } from "@/lib/explore/find-explore-rows";
import { parseExploreRequest } from "@/lib/explore/parse-explore-request";
import { AppError } from "@/lib/http/app-error";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { exportTimelineRows } from "@/lib/runs/export-run-timeline";
import { timelineKeyOf } from "@/lib/runs/timeline-cursor";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /api/explore/export?format=csv|ndjson|json&q=…&range=…|from=…&to=…[&project=…] – every row of a search, newest first, streamed in keyset batches.
export async function GET(request: Request) {
  try {
    if (!(await getSessionUser(request.headers))) throw new AppError("unauthorized", "Sign in to read logs.");
    const format = firstParam(searchParamsRecord(request.url).format) ?? "ndjson";
    if (format !== "csv" && format !== "ndjson" && format !== "json") {
      throw new AppError("bad_request", "format must be csv, ndjson or json.", { details: [{ field: "format", message: `got "${format}"` }] });
    }
    const { projectId, tree, range } = parseExploreRequest(request);
    const body = exportTimelineRows({
      format,
      withPlace: true,
      read: (after, take) => queryExploreRows({ projectId, tree, range, desc: true, after: after ? { key: timelineKeyOf(after), op: "<" } : null, take }),
    });
    return new Response(body, {
      headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="search.${format}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
