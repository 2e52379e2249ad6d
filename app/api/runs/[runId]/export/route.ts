import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { authorizeRunRequest } from "@/lib/runs/authorize-run-request";
import { exportRunTimeline } from "@/lib/runs/export-run-timeline";
import { parseTimelineQuery } from "@/lib/runs/timeline-filters";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /api/runs/[runId]/export?format=csv|ndjson|json&<filters> – the filtered run, streamed in keyset batches
// (/runs/[runId]/export redirects here). The session is checked by authorizeRunRequest, with the run.
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async (request, { params }) => {
      const runId = String(params.runId);
      await authorizeRunRequest(request, runId);
      const search = searchParamsRecord(request.url);
      const format = firstParam(search.format) ?? "ndjson";
      if (format !== "csv" && format !== "ndjson" && format !== "json") {
        throw new AppError("bad_request", "format must be csv, ndjson or json.", { details: [{ field: "format", message: `got "${format}"` }] });
      }
      const { filters, order } = parseTimelineQuery(search);
      const body = exportRunTimeline({ runId, filters, order, format });
      const filename = `run-${runId.replace(/[^A-Za-z0-9_.-]/g, "_")}.${format}`;
      return new Response(body, {
        headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
      });
    },
  },
});
