"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";

export interface LiveOptions {
  /** Opaque cursor of the newest row shown; new rows are those after it. */
  after: string | null;
  /** The timeline's filters as a query string, so live rows obey them too. */
  query: string;
  intervalMs: number;
  /** Start polling at once (the run is still running). */
  startOn: boolean;
}

const MAX_LIVE_ROWS = 1_000;

/** Polls /runs/[runId]/live for rows newer than the newest shown, while switched on. */
export function useLiveRows(runId: string, live: LiveOptions | null) {
  const [on, setOn] = useState(live?.startOn ?? false);
  const [rows, setRows] = useState<TimelineRowDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const after = useRef(live?.after ?? null);

  const poll = useCallback(async () => {
    if (!live) return;
    const params = new URLSearchParams(live.query);
    if (after.current) params.set("after", after.current);
    try {
      const response = await fetch(`/runs/${encodeURIComponent(runId)}/live?${params}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { rows: TimelineRowDto[]; after: string | null; running: boolean };
      if (body.after) after.current = body.after;
      if (body.rows.length) setRows((current) => [...current, ...body.rows].slice(-MAX_LIVE_ROWS));
      setError(null);
      if (!body.running) setOn(false);
    } catch {
      setError("could not reach the server; retrying");
    }
  }, [live, runId]);

  useEffect(() => {
    if (!on || !live) return;
    const timer = setInterval(poll, live.intervalMs);
    return () => clearInterval(timer);
  }, [on, live, poll]);

  return { on, rows, error, toggle: () => setOn((v) => !v) };
}
