import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { ExploreView } from "@/components/explore/explore-view";
import { requireUser } from "@/lib/auth/session";
import { loadExploreState, timeRangeProblem } from "@/lib/explore/explore-url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Explore" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /explore?q=…&range=…|from=…&to=… – search every project's events and errors.
export default async function ExplorePage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = await searchParams;
  const state = loadExploreState(raw);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Explore" }]} />
        <h1 className="mb-3 text-xl font-semibold">Explore every project</h1>
        <ExploreView state={state} rangeProblem={timeRangeProblem(raw, state)?.message ?? null} user={user} />
      </main>
    </>
  );
}
