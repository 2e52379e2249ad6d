import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { getRun } from "@/lib/runs/get-run";

// The 404 for an unknown run is decided here, outside the page's loading boundary:
// once loading.tsx streams, the status is already 200. The page still checks the session.
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ runId: string }> }) {
  await requireUser();
  if (!(await getRun({ runId: routeParam((await params).runId) }))) notFound();
  return children;
}
