import { getSessionUser } from "@/lib/auth/session";
import { queryExploreRows } from "@/lib/explore/find-explore-rows";
import { parseExploreRequest } from "@/lib/explore/parse-explore-request";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { acquireHeavySlot, openHoldingSlot } from "@/lib/http/heavy-request-limit";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { exportTimelineRows } from "@/lib/runs/export-run-timeline";
import { timelineKeyOf } from "@/lib/runs/timeline-cursor";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /api/explore/export?format=csv|ndjson|json&q=…&range=…|from=…&to=…[&project=…] – every row of a search, newest first, streamed in keyset batches.
// The session is checked in the handler (401), as a run's export does.
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async (request) => {
      const user = await getSessionUser(request.headers);
      if (!user) throw new AppError("unauthorized", "Sign in to read logs.");
      const format = firstParam(searchParamsRecord(request.url).format) ?? "ndjson";
      if (format !== "csv" && format !== "ndjson" && format !== "json") {
        throw new AppError("bad_request", "format must be csv, ndjson or json.", { details: [{ field: "format", message: `got "${format}"` }] });
      }
      const { projectId, tree, range } = parseExploreRequest(request);
      // A heavy request, as a run's export: it holds a connection while its reader keeps up.
      const slot = acquireHeavySlot(user.id, env().HEAVY_REQUESTS_PER_USER);
      // The first batch is read before the 200, as a run's export: a database that is down,
      // or a search that runs out of time, is answered with its status.
      const { body } = await openHoldingSlot(slot, request.signal, async () => ({
        body: await exportTimelineRows({
          format,
          withPlace: true,
          read: (after, take) => queryExploreRows({ projectId, tree, range, desc: true, after: after ? { key: timelineKeyOf(after), op: "<" } : null, take }),
        }),
      }));
      return new Response(body, {
        headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="search.${format}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
      });
    },
  },
});
