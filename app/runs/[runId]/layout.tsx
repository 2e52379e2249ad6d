import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { getRun } from "@/lib/runs/get-run";

// The 404 for an unknown run is decided here, outside the page's loading boundary:
// once loading.tsx streams, the status is already 200. The page still checks the session.
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ runId: string }> }) {
  const runId = routeParam((await params).runId);
  // Both at once: one round trip less before the page starts (getRun is cached for the page).
  const [, run] = await Promise.all([requireUser(), runId === null ? null : getRun({ runId })]);
  if (!run) notFound();
  return children;
}
