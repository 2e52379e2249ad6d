import { getSessionUser } from "@/lib/auth/session";
import { queryExploreRows } from "@/lib/explore/find-explore-rows";
import { toExploreRowDto } from "@/lib/explore/to-explore-row-dto";
import { parseExploreRequest } from "@/lib/explore/parse-explore-request";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { acquireHeavySlot } from "@/lib/http/heavy-request-limit";
import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { LIVE_PAGE_ROWS } from "@/lib/runs/live-window";
import { decodeTimelineCursor, encodeTimelineCursor, timelineKeyOf } from "@/lib/runs/timeline-cursor";

export const dynamic = "force-dynamic";

// GET /api/explore/live?after=<cursor>&q=…&range=…[&project=…] – a search's rows newer than
// `after` (the newest row the view has), oldest first, LIVE_PAGE_ROWS at most; `after` in
// the answer is the newest row the view will then have.
// The session is checked in the handler (401), as a run's live poll does.
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async (request) => {
      const user = await getSessionUser(request.headers);
      if (!user) throw new AppError("unauthorized", "Sign in to read logs.");
      const { projectId, tree, range } = parseExploreRequest(request);
      const after = decodeTimelineCursor(firstParam(searchParamsRecord(request.url).after))?.key ?? null;
      // A heavy request, as a run's live poll: one user's tabs cannot take the whole pool.
      const slot = acquireHeavySlot(user.id, env().HEAVY_REQUESTS_PER_USER);
      let rows;
      try {
        // A preset range ends now: read up to the present, whatever the page's range was.
        rows = await queryExploreRows({ projectId, tree, range, desc: false, after: after ? { key: after, op: ">" } : null, take: LIVE_PAGE_ROWS });
      } finally {
        slot.release();
      }
      const last = rows.at(-1);
      return Response.json(
        { rows: rows.map(toExploreRowDto), after: last ? encodeTimelineCursor({ key: timelineKeyOf(last), direction: "next" }) : (firstParam(searchParamsRecord(request.url).after) ?? null) },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
  },
});
