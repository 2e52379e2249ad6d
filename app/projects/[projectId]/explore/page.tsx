import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { ExploreView } from "@/components/explore/explore-view";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { requireUser } from "@/lib/auth/session";
import { loadExploreState, timeRangeProblem } from "@/lib/explore/explore-url";
import { routeParam } from "@/lib/format/route-param";
import { showBidiControls } from "@/lib/format/split-links";
import { getProject } from "@/lib/projects/get-project";

export const dynamic = "force-dynamic";
export const metadata = { title: "Explore" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /projects/[projectId]/explore?q=… – search one project's events and errors.
export default async function ProjectExplorePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const projectId = routeParam((await params).projectId);
  if (projectId === null) notFound();
  const project = await getProject({ projectId });
  if (!project) notFound();
  const raw = await searchParams;
  const state = loadExploreState(raw);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-6 py-6">
        <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: project.name }, { label: "Explore" }]} />
        <h1 className="mb-2 text-xl font-semibold wrap-anywhere">
          {showBidiControls(project.name)} <span className="font-normal text-slate-500">explore</span>
        </h1>
        <ProjectTabs projectId={projectId} current="explore" />
        <ExploreView state={state} rangeProblem={timeRangeProblem(raw, state)?.message ?? null} projectId={projectId} user={user} />
      </main>
    </>
  );
}
