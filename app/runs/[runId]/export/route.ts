import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { AppError } from "@/lib/http/app-error";
import { authorizeHeavyRunRequest } from "@/lib/runs/authorize-run-request";
import { releaseWhenDone } from "@/lib/http/heavy-request-limit";
import { exportRunTimeline } from "@/lib/runs/export-run-timeline";
import { parseTimelineQuery } from "@/lib/runs/timeline-filters";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /runs/[runId]/export?format=csv|ndjson|json&<filters> – the filtered run, streamed in keyset batches.
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  let release = () => {};
  try {
    const { runId } = await params;
    const { slot } = await authorizeHeavyRunRequest(request, runId);
    release = slot.release;
    const search = searchParamsRecord(request.url);
    const format = firstParam(search.format) ?? "ndjson";
    if (format !== "csv" && format !== "ndjson" && format !== "json") {
      throw new AppError("bad_request", "format must be csv, ndjson or json.", { details: [{ field: "format", message: `got "${format}"` }] });
    }
    const { filters, order } = parseTimelineQuery(search);
    // The slot is held while the export streams, and given back when it ends or is cancelled.
    const body = releaseWhenDone(exportRunTimeline({ runId, filters, order, format }), slot);
    release = () => {};
    const filename = `run-${runId.replace(/[^A-Za-z0-9_.-]/g, "_")}.${format}`;
    return new Response(body, {
      headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    release();
    return toErrorResponse(error);
  }
}
