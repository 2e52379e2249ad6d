import { toErrorResponse } from "@/lib/http/to-error-response";
import { authorizeRunRequest } from "@/lib/runs/authorize-run-request";
import { queryTimeline } from "@/lib/runs/find-run-timeline";
import { decodeTimelineCursor, encodeTimelineCursor } from "@/lib/runs/timeline-cursor";
import { parseTimelineQuery } from "@/lib/runs/timeline-filters";
import { toTimelineRowDto } from "@/lib/runs/to-timeline-dto";

export const dynamic = "force-dynamic";

const MAX_ROWS = 200;

// GET /runs/[runId]/live?after=<cursor>&<filters> – rows newer than the cursor, oldest first (live mode).
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const { runId } = await params;
    const run = await authorizeRunRequest(request, runId);
    const search = Object.fromEntries(new URL(request.url).searchParams);
    const { filters } = parseTimelineQuery(search);
    const after = decodeTimelineCursor(search.after);
    const rows = await queryTimeline({ runId, filters, desc: false, after: after ? { key: after.key, op: ">" } : null, take: MAX_ROWS });
    const last = rows[rows.length - 1];
    return Response.json(
      {
        rows: rows.map((row) => toTimelineRowDto(row, run.startedAt)),
        after: last ? encodeTimelineCursor({ key: { createdAt: last.createdAt, id: last.id, kind: last.kind }, direction: "next" }) : (search.after ?? null),
        running: run.status === "running",
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
