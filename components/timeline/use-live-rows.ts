"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { LIVE_LOOKBACK_MS, LIVE_MAX_PAGES_PER_POLL, type LiveOptions } from "@/lib/runs/live-window";
import { liveHref } from "@/lib/runs/timeline-filters";
import { compareTimelineKeys } from "@/lib/runs/timeline-order";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";


const MAX_LIVE_ROWS = 1_000;

type LiveBody = { rows: TimelineRowDto[]; next: string | null; after: string | null; running: boolean };

const rowKey = (row: TimelineRowDto) => `${row.kind}-${row.id}`;

/**
 * The page's rows (in display order, as the server sorted them) with the live rows
 * (oldest first) merged in, each at its place: a row delivered late lands among the
 * rows already shown, not at the top. The page's own order is kept as it came.
 */
export function mergeLiveRows(shown: TimelineRowDto[], live: TimelineRowDto[], order: "desc" | "asc"): TimelineRowDto[] {
  if (live.length === 0) return shown;
  const incoming = order === "desc" ? [...live].reverse() : live;
  const before = (a: TimelineRowDto, b: TimelineRowDto) => (order === "desc" ? compareTimelineKeys(a, b) > 0 : compareTimelineKeys(a, b) < 0);
  const merged: TimelineRowDto[] = [];
  let i = 0;
  for (const row of incoming) {
    while (i < shown.length && !before(row, shown[i]!)) merged.push(shown[i++]!);
    merged.push(row);
  }
  while (i < shown.length) merged.push(shown[i++]!);
  return merged;
}

/**
 * Polls /api/runs/[runId]/live while switched on. Each poll re-reads a trailing window (rows
 * from LIVE_LOOKBACK_MS before the newest row the view has, and everything after), since
 * created_at is the sender's clock and rows arrive late; rows already seen (the page's
 * included) are dropped by kind and id. A window bigger than one response is read page by
 * page, LIVE_MAX_PAGES_PER_POLL at most; the next poll resumes where this one stopped, so
 * a busy run still reaches its newest rows. `rows` are the new ones, oldest first.
 */
export function useLiveRows(runId: string, live: LiveOptions | null, shown: TimelineRowDto[]) {
  const [on, setOn] = useState(live?.startOn ?? false);
  const [rows, setRows] = useState<TimelineRowDto[]>([]);
  const [newCount, setNewCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The session ended (signed out in another tab, expired): polling again cannot help.
  const [signedOut, setSignedOut] = useState(false);
  const after = useRef(live?.after ?? null);
  // Where a poll that ran out of pages stopped; null once the window has been read through.
  const resume = useRef<string | null>(null);
  const busy = useRef(false);
  // Every row the view has had (kind-id → created_at ms), until it falls out of the window,
  // and the newest created_at among them (the window's end, as the server computes it).
  const [memory] = useState(() => {
    const seen = new Map(shown.map((row) => [rowKey(row), Date.parse(row.createdAt)]));
    return { seen, newest: Math.max(-Infinity, ...seen.values()) };
  });

  const take = useCallback(
    (batch: TimelineRowDto[]) => {
      const { seen } = memory;
      const fresh: TimelineRowDto[] = [];
      for (const row of batch) {
        const at = Date.parse(row.createdAt);
        if (at > memory.newest) memory.newest = at;
        const key = rowKey(row);
        if (seen.has(key)) continue;
        seen.set(key, at);
        fresh.push(row);
      }
      // The server never re-reads before the window, so those keys can go.
      for (const [key, at] of seen) if (at < memory.newest - LIVE_LOOKBACK_MS) seen.delete(key);
      if (fresh.length === 0) return;
      setRows((current) => [...current, ...fresh].sort(compareTimelineKeys).slice(-MAX_LIVE_ROWS));
      setNewCount((count) => count + fresh.length);
    },
    [memory],
  );

  const poll = useCallback(async () => {
    // A slow poll (several pages) is not overtaken by the next tick.
    if (!live || busy.current) return;
    busy.current = true;
    try {
      for (let pages = 0; pages < LIVE_MAX_PAGES_PER_POLL; pages++) {
        const response = await fetch(liveHref(runId, live.query, { after: after.current, from: resume.current, floor: live.floor }), { cache: "no-store" });
        if (response.status === 401) {
          setSignedOut(true);
          setOn(false);
          setError(null);
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as LiveBody;
        if (body.after) after.current = body.after;
        take(body.rows);
        resume.current = body.next;
        if (!body.running) setOn(false);
        if (!body.next) break;
      }
      setError(null);
      setSignedOut(false);
    } catch {
      setError("could not reach the server; retrying");
    } finally {
      busy.current = false;
    }
  }, [live, runId, take]);

  useEffect(() => {
    if (!on || !live) return;
    const timer = setInterval(poll, live.intervalMs);
    return () => clearInterval(timer);
  }, [on, live, poll]);

  return { on, rows, newCount, error, signedOut, toggle: () => setOn((v) => !v) };
}
