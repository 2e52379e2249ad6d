import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { normalizeLookupId } from "@/lib/search/normalize-lookup-id";
import { findTraceOnce } from "@/lib/traces/find-trace";

// The 404 for an unknown trace and the redirect to the canonical URL are decided here,
// outside the page's loading boundary: once loading.tsx streams, the status is already
// 200 and a redirect could only be a meta refresh.
export default async function TraceLayout({ children, params }: { children: ReactNode; params: Promise<{ traceId: string }> }) {
  const raw = routeParam((await params).traceId);
  const lookup = raw === null ? null : normalizeLookupId(raw);
  // Upper case, braces or quotes in a pasted URL: send the browser to the canonical one.
  const canonical = lookup?.uuid && lookup.uuid !== raw ? lookup.uuid : null;
  // Both at once; the page reuses the trace (findTraceOnce).
  const [, trace] = await Promise.all([requireUser(), lookup && !canonical ? findTraceOnce(lookup.id) : null]);
  if (canonical) redirect(`/traces/${canonical}`);
  if (!trace) notFound();
  return children;
}
