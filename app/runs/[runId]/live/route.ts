import { firstParam, searchParamsRecord } from "@/lib/http/search-params";
import { toErrorResponse } from "@/lib/http/to-error-response";
import { authorizeHeavyRunRequest } from "@/lib/runs/authorize-run-request";
import { findLiveRows } from "@/lib/runs/find-live-rows";
import { LIVE_PAGE_ROWS } from "@/lib/runs/live-window";
import { compareTimelineKeys, decodeTimelineCursor, encodeTimelineCursor, type TimelineKey } from "@/lib/runs/timeline-cursor";
import { parseTimelineQuery } from "@/lib/runs/timeline-filters";
import { toTimelineRowDto } from "@/lib/runs/to-timeline-dto";

export const dynamic = "force-dynamic";

const cursor = (key: TimelineKey) => encodeTimelineCursor({ key, direction: "next" });

// GET /runs/[runId]/live?after=<cursor>[&from=<cursor>]&<filters> – live mode's trailing
// window: rows from 10 minutes before `after` (the newest row the view has) on, oldest
// first, LIVE_PAGE_ROWS at most; `next` (when set) is the `from` of the window's next page.
// `after` in the answer is the newest row the view will then have.
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  let release = () => {};
  try {
    const { runId } = await params;
    const { run, slot } = await authorizeHeavyRunRequest(request, runId);
    release = slot.release;
    const search = searchParamsRecord(request.url);
    const { filters } = parseTimelineQuery(search);
    const newest = decodeTimelineCursor(firstParam(search.after))?.key ?? null;
    const from = decodeTimelineCursor(firstParam(search.from))?.key ?? null;
    const page = await findLiveRows({ runId, filters, newest, from, limit: LIVE_PAGE_ROWS });
    const last = page.rows[page.rows.length - 1];
    const lastKey: TimelineKey | null = last ? { createdAt: last.createdAt, id: last.id, kind: last.kind } : null;
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
  } catch (error) {
    return toErrorResponse(error);
  } finally {
    release();
  }
}
