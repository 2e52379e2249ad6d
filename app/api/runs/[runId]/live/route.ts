import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { authorizeHeavyRunRequest } from "@/lib/runs/authorize-run-request";
import { findLiveRows } from "@/lib/runs/find-live-rows";
import { LIVE_PAGE_ROWS } from "@/lib/runs/live-window";
import { compareTimelineKeys, decodeTimelineCursor, encodeTimelineCursor, timelineKeyOf, type TimelineKey } from "@/lib/runs/timeline-cursor";
import { loadLiveCursors, parseTimelineQuery } from "@/lib/runs/timeline-filters";
import { toTimelineRowDto } from "@/lib/runs/to-timeline-dto";

export const dynamic = "force-dynamic";

const cursor = (key: TimelineKey) => encodeTimelineCursor({ key, direction: "next" });

// GET /api/runs/[runId]/live?after=<cursor>[&from=<cursor>][&floor=<cursor>]&<filters> – live
// mode's trailing window: rows from 10 minutes before `after` (the newest row the view has)
// on, and above `floor` (the bottom row of a page with older pages below it), oldest first, LIVE_PAGE_ROWS at most; `next` (when set) is the `from` of the window's next page.
// `after` in the answer is the newest row the view will then have. (/runs/[runId]/live redirects here.)
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async (request, { params }) => {
      const runId = String(params.runId);
      // One of the user's HEAVY_REQUESTS_PER_USER slots (429 when none is left) for the poll.
      const { run, slot } = await authorizeHeavyRunRequest(request, runId);
      try {
      const { filters } = parseTimelineQuery(request.url);
      const cursors = loadLiveCursors(request.url);
      const newest = decodeTimelineCursor(cursors.after)?.key ?? null;
      const from = decodeTimelineCursor(cursors.from)?.key ?? null;
      const floor = decodeTimelineCursor(cursors.floor)?.key ?? null;
      const page = await findLiveRows({ runId, filters, newest, from, floor, limit: LIVE_PAGE_ROWS });
      const last = page.rows[page.rows.length - 1];
      const lastKey: TimelineKey | null = last ? timelineKeyOf(last) : null;
      const newestNow = lastKey && (!newest || compareTimelineKeys(lastKey, newest) > 0) ? lastKey : newest;
      return Response.json(
        {
          rows: page.rows.map((row) => toTimelineRowDto(row, run.startedAt)),
          next: page.next ? cursor(page.next) : null,
          after: newestNow ? cursor(newestNow) : null,
          running: run.status === "running",
        },
        { headers: { "Cache-Control": "no-store" } },
      );
      } finally {
        slot.release();
      }
    },
  },
});
