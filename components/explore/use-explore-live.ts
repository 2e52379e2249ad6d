"use client";
// Live tail of a search: polls /api/explore/live every few seconds for rows newer than the
// newest the view has, and hands them over newest first.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExploreRowDto } from "@/lib/explore/to-explore-row-dto";

export const EXPLORE_LIVE_INTERVAL_MS = 5_000;

export function useExploreLive(live: { query: string; after: string | null } | null) {
  const [on, setOn] = useState(false);
  const [rows, setRows] = useState<ExploreRowDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const after = useRef(live?.after ?? null);
  const poll = useCallback(async () => {
    if (!live) return;
    const params = new URLSearchParams(live.query);
    if (after.current) params.set("after", after.current);
    try {
      const response = await fetch(`/api/explore/live?${params}`, { cache: "no-store" });
      if (response.status === 401) {
        setOn(false);
        setError("Your session has ended, so live mode stopped.");
        return;
      }
      if (!response.ok) throw new Error(((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`);
      const body = (await response.json()) as { rows: ExploreRowDto[]; after: string | null };
      after.current = body.after;
      setError(null);
      if (body.rows.length) setRows((current) => [...[...body.rows].reverse(), ...current].slice(0, 1_000));
    } catch (e) {
      setError(`could not reach the server (${e instanceof Error ? e.message : String(e)}); retrying`);
    }
  }, [live]);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(poll, EXPLORE_LIVE_INTERVAL_MS);
    void poll();
    return () => clearInterval(timer);
  }, [on, poll]);
  return { on, toggle: () => setOn((v) => !v), rows, error };
}
