import Link from "next/link";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { requireUser } from "@/lib/auth/session";
import { exploreHrefForText } from "@/lib/explore/explore-href-for-text";
import { showBidiControls } from "@/lib/format/split-links";
import { MAX_LOOKUP_LENGTH } from "@/lib/search/normalize-lookup-id";
import { resolveLookup } from "@/lib/search/resolve-lookup";

export const dynamic = "force-dynamic";

const KIND_LABELS = { trace: "Trace", run: "Run", event: "Event in its run", error: "Error in its trace" } as const;
export const metadata = { title: "Go to" };

// GET /go?q=… – the go-to box: redirect to what the pasted id names, or say nothing matched.
export default async function GoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const result = await resolveLookup({ query });
  if (result.found === true) redirect(result.href);
  if (result.found === "several") {
    return (
      <>
        <AppHeader />
        <main className="mx-auto max-w-3xl px-6 py-10">
          <h1 className="text-lg font-semibold">Several things have this id</h1>
          <p role="status" className="mt-2 text-sm text-slate-700">
            <code className="rounded bg-slate-100 px-1 font-mono break-all">{showBidiControls(result.id)}</code> names {result.matches.length} things. Pick one:
          </p>
          <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 text-sm" aria-label="Matches">
            {result.matches.map((match) => (
              <li key={`${match.kind}:${match.href}`} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2">
                <Link href={match.href} className="font-medium text-sky-700 underline">
                  {KIND_LABELS[match.kind]}
                </Link>
                <span className="text-slate-600">
                  project <code className="font-mono break-all">{match.projectId === null ? "(none)" : showBidiControls(match.projectId)}</code>
                </span>
              </li>
            ))}
          </ul>
        </main>
      </>
    );
  }
  // Not an id that exists: search for the text instead (#13).
  if (!result.tooLong && query.trim()) redirect(exploreHrefForText(query));
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-3xl px-6 py-10">
        <h1 className="text-lg font-semibold">Nothing found</h1>
        <p role="status" className="mt-2 text-sm text-slate-700">
          {result.tooLong ? (
            <>That is too long to be an id (more than {MAX_LOOKUP_LENGTH.toLocaleString("en-US")} characters). Paste just the id, or the line that holds it.</>
          ) : result.id ? (
            <>
              No trace, run, event or error has the id <code className="rounded bg-slate-100 px-1 font-mono break-all">{showBidiControls(result.id)}</code>.
            </>
          ) : (
            <>That does not look like an id. Paste a traceId (a UUID), a runId, an event or error id, or a link to a run or trace.</>
          )}
        </p>
        <p className="mt-4 text-sm text-slate-500">
          Ids are matched exactly (traceIds in any case, with or without braces). Logs older than the retention period are deleted.{" "}
          <Link href="/" className="text-sky-700 underline">
            Back to the overview
          </Link>
        </p>
      </main>
    </>
  );
}
