import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { routeParam } from "@/lib/format/route-param";
import { getProject } from "@/lib/projects/get-project";

// The 404 for an unknown project is decided here, outside the pages' loading boundaries.
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  await requireUser();
  const projectId = routeParam((await params).projectId);
  if (projectId === null || !(await getProject({ projectId }))) notFound();
  return children;
}
