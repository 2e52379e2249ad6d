import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { normalizeLookupId } from "@/lib/search/normalize-lookup-id";
import { findTraceOnce } from "@/lib/traces/find-trace";

// The 404 for an unknown trace is decided here, outside the page's loading boundary.
export default async function TraceLayout({ children, params }: { children: ReactNode; params: Promise<{ traceId: string }> }) {
  const lookup = normalizeLookupId(routeParam((await params).traceId));
  // Both at once; the page reuses the trace (findTraceOnce).
  const [, trace] = await Promise.all([requireUser(), lookup ? findTraceOnce(lookup.id) : null]);
  if (!trace) notFound();
  return children;
}
