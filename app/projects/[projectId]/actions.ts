"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { renameProject } from "@/lib/projects/update-project-name";
import { zProjectName } from "@/lib/runs/run-lifecycle-input";

export interface RenameProjectState {
  error?: string;
  /** The name saved, for the confirmation. */
  renamed?: string;
}

// Rename a project (admins): the display name every page shows; its id stays.
export async function renameProjectAction(_previous: RenameProjectState, form: FormData): Promise<RenameProjectState> {
  await requireAdmin();
  const parsed = z
    .object({ projectId: z.string().min(1), name: zProjectName(env().INGEST_MAX_STRING_LENGTH) })
    .safeParse({ projectId: form.get("projectId") ?? "", name: form.get("name") ?? "" });
  if (!parsed.success) return { error: `The name ${parsed.error.issues[0]?.message ?? "is not valid"}.` };
  const result = await renameProject(parsed.data);
  if (result === "not_found") return { error: "That project does not exist." };
  revalidatePath("/", "layout");
  return { renamed: parsed.data.name };
}
