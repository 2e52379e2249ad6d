import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { openHoldingSlot } from "@/lib/http/heavy-request-limit";
import { authorizeHeavyRunRequest } from "@/lib/runs/authorize-run-request";
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
      // One of the user's HEAVY_REQUESTS_PER_USER slots (429 when none is left), held while
      // the export streams and given back when it ends, fails, is cancelled or its client
      // goes away — or at once when the request is refused below.
      const { slot } = await authorizeHeavyRunRequest(request, runId);
      const { format, body } = await openHoldingSlot<{ format: keyof typeof TYPES; body: ReadableStream<Uint8Array> }>(slot, request.signal, async () => {
        const format = firstParam(searchParamsRecord(request.url).format) ?? "ndjson";
        if (format !== "csv" && format !== "ndjson" && format !== "json") {
          throw new AppError("bad_request", "format must be csv, ndjson or json.", { details: [{ field: "format", message: `got "${format}"` }] });
        }
        const { filters, order } = parseTimelineQuery(request.url);
        // The first batch is read here, before the 200: a locked or unreachable database is a 503.
        return { format, body: await exportRunTimeline({ runId, filters, order, format }) };
      });
      const filename = `run-${runId.replace(/[^A-Za-z0-9_.-]/g, "_")}.${format}`;
      return new Response(body, {
        headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
      });
    },
  },
});
