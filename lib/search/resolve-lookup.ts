import "server-only";
import { readPrisma } from "@/lib/db/client";
import { runPath, runRowHref } from "@/lib/runs/row-permalink";
import { traceIdVariants } from "@/lib/traces/find-trace";
import { lookupCandidates, MAX_LOOKUP_LENGTH, type LookupCandidate } from "./normalize-lookup-id";

export type LookupKind = "trace" | "run" | "event" | "error";

/** One thing a pasted id names, with its project so that look-alikes can be told apart. */
export interface LookupMatch {
  kind: LookupKind;
  href: string;
  id: string;
  projectId: string | null;
}

export type LookupResult =
  | { found: true; kind: LookupKind; href: string }
  | { found: "several"; id: string; matches: LookupMatch[] }
  | { found: false; id: string | null; tooLong?: true };

/** At most this many rows of each kind are offered for one id. */
const MAX_MATCHES_PER_KIND = 10;

const runHref = (runId: string, rowId?: string) => (rowId ? runRowHref(runId, rowId) : runPath(runId));

/**
 * Where a pasted id leads: a traceId to its trace, a runId to its timeline, an event to
 * its row in the run's timeline, an error to its trace. Every lookup is one indexed
 * equality; ids are tried as pasted and, for UUIDs, in canonical and upper case. A paste
 * that can be read several ways (lookupCandidates) is tried reading by reading, the most
 * likely first, until one names something. When the id names several things (a run and
 * an event, an event and an error, rows of different projects), all of them are offered
 * rather than the first (issue #11.10: one project's row must not stand in for another's).
 */
export async function resolveLookup({ query }: { query: string }): Promise<LookupResult> {
  // The box stops at MAX_LOOKUP_LENGTH; a longer query (a hand-made URL) is said to be too long, not cut.
  if (query.length > MAX_LOOKUP_LENGTH) return { found: false, id: null, tooLong: true };
  const candidates = lookupCandidates(query);
  for (const candidate of candidates) {
    const matches = await findMatches(candidate);
    if (matches.length === 1) return { found: true, kind: matches[0]!.kind, href: matches[0]!.href };
    if (matches.length > 1) return { found: "several", id: candidate.id, matches };
  }
  return { found: false, id: candidates[0]?.id ?? null };
}

async function findMatches(lookup: LookupCandidate): Promise<LookupMatch[]> {
  const ids = lookup.uuid ? traceIdVariants(lookup.id) : [lookup.id];
  // Events and errors through log_ids: its time bounds each row's lookup to one partition.
  const [trace, run, claims] = await Promise.all([
    readPrisma().errorLog.findFirst({ where: { traceId: { in: ids } }, select: { traceId: true, projectId: true } }),
    readPrisma().run.findFirst({ where: { id: { in: ids } }, select: { id: true, projectId: true } }),
    readPrisma().logId.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 2 * MAX_MATCHES_PER_KIND }),
  ]);
  const rowsOf = (kind: string) => claims.filter((claim) => claim.kind === kind).slice(0, MAX_MATCHES_PER_KIND).map(({ id, createdAt }) => ({ id, createdAt }));
  const [eventKeys, errorKeys] = [rowsOf("event"), rowsOf("error")];
  const [events, errors] = await Promise.all([
    eventKeys.length ? readPrisma().eventLog.findMany({ where: { OR: eventKeys }, select: { id: true, runId: true, projectId: true }, orderBy: { id: "asc" } }) : [],
    errorKeys.length ? readPrisma().errorLog.findMany({ where: { OR: errorKeys }, select: { id: true, traceId: true, projectId: true }, orderBy: { id: "asc" } }) : [],
  ]);
  const matches: LookupMatch[] = [];
  if (trace) matches.push({ kind: "trace", id: trace.traceId, projectId: trace.projectId, href: `/traces/${encodeURIComponent(lookup.uuid ?? trace.traceId)}` });
  if (run) matches.push({ kind: "run", id: run.id, projectId: run.projectId, href: runHref(run.id, lookup.at) });
  // An event with no run has no page to show it on.
  for (const event of events) if (event.runId) matches.push({ kind: "event", id: event.id, projectId: event.projectId, href: runHref(event.runId, event.id) });
  for (const error of errors) {
    // An error whose trace is already offered is that trace's row: offered once.
    if (trace && error.traceId === trace.traceId) continue;
    matches.push({ kind: "error", id: error.id, projectId: error.projectId, href: `/traces/${encodeURIComponent(error.traceId)}#error-${encodeURIComponent(error.id)}` });
  }
  return matches;
}
