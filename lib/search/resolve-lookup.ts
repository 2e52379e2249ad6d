import "server-only";
import { readPrisma } from "@/lib/db/client";
import { traceIdVariants } from "@/lib/traces/find-trace";
import { lookupCandidates, MAX_LOOKUP_LENGTH, type LookupCandidate } from "./normalize-lookup-id";

export type LookupResult =
  | { found: true; kind: "trace" | "run" | "event" | "error"; href: string }
  | { found: false; id: string | null; tooLong?: true };

const runHref = (runId: string, rowId?: string) => `/runs/${encodeURIComponent(runId)}${rowId ? `?at=${encodeURIComponent(rowId)}#row-${encodeURIComponent(rowId)}` : ""}`;

/**
 * Where a pasted id leads: a traceId to its trace, a runId to its timeline, an event to
 * its row in the run's timeline, an error to its trace. Every lookup is one indexed
 * equality; ids are tried as pasted and, for UUIDs, in canonical and upper case. A paste
 * that can be read several ways (lookupCandidates) is tried reading by reading, the most
 * likely first, until one names something.
 */
export async function resolveLookup({ query }: { query: string }): Promise<LookupResult> {
  // The box stops at MAX_LOOKUP_LENGTH; a longer query (a hand-made URL) is said to be too long, not cut.
  if (query.length > MAX_LOOKUP_LENGTH) return { found: false, id: null, tooLong: true };
  const candidates = lookupCandidates(query);
  for (const candidate of candidates) {
    const found = await resolveCandidate(candidate);
    if (found) return found;
  }
  return { found: false, id: candidates[0]?.id ?? null };
}

async function resolveCandidate(lookup: LookupCandidate): Promise<LookupResult | null> {
  const ids = lookup.uuid ? traceIdVariants(lookup.id) : [lookup.id];
  const [trace, run, event, error] = await Promise.all([
    readPrisma().errorLog.findFirst({ where: { traceId: { in: ids } }, select: { traceId: true } }),
    readPrisma().run.findFirst({ where: { id: { in: ids } }, select: { id: true } }),
    readPrisma().eventLog.findFirst({ where: { id: { in: ids } }, select: { id: true, runId: true } }),
    readPrisma().errorLog.findFirst({ where: { id: { in: ids } }, select: { traceId: true } }),
  ]);
  if (trace) return { found: true, kind: "trace", href: `/traces/${encodeURIComponent(lookup.uuid ?? trace.traceId)}` };
  if (run) return { found: true, kind: "run", href: runHref(run.id, lookup.at) };
  if (event?.runId) return { found: true, kind: "event", href: runHref(event.runId, event.id) };
  if (error) return { found: true, kind: "error", href: `/traces/${encodeURIComponent(error.traceId)}#error-${encodeURIComponent(lookup.id)}` };
  return null;
}
