"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createSavedSearch } from "@/lib/saved-searches/create-saved-search";
import { deleteSavedSearch } from "@/lib/saved-searches/delete-saved-search";
import { MAX_SAVED_SEARCHES_PER_USER, ZSavedSearchIdSchema, ZSaveSearchInputSchema } from "@/lib/saved-searches/saved-search-input";

export interface SavedSearchState {
  error?: string;
  saved?: string;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
};

// Save the explorer's current query and range under a name; an admin may share it with everyone.
export async function saveSearchAction(_previous: SavedSearchState, form: FormData): Promise<SavedSearchState> {
  const user = await requireUser();
  const wantsShared = form.get("shared") === "on";
  if (wantsShared && user.role !== "admin") return { error: "Only an admin can share a search with everyone." };
  const parsed = ZSaveSearchInputSchema.safeParse({
    name: text(form, "name") ?? "",
    query: typeof form.get("query") === "string" ? form.get("query") : "",
    range: text(form, "range"),
    from: text(form, "from"),
    to: text(form, "to"),
    projectId: text(form, "projectId"),
    shared: wantsShared,
  });
  if (!parsed.success) return { error: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const result = await createSavedSearch({ ownerId: user.id, input: parsed.data });
  if (result === "limit") return { error: `You have ${MAX_SAVED_SEARCHES_PER_USER} saved searches, the most allowed: delete one first.` };
  if (result === "no_project") return { error: "That project does not exist." };
  revalidatePath(parsed.data.projectId ? `/projects/${encodeURIComponent(parsed.data.projectId)}/explore` : "/explore");
  return { saved: parsed.data.name };
}

// Delete a saved search: its owner's, or any when an admin.
export async function deleteSearchAction(_previous: SavedSearchState, form: FormData): Promise<SavedSearchState> {
  const user = await requireUser();
  const id = ZSavedSearchIdSchema.safeParse(form.get("id") ?? "");
  if (!id.success) return { error: "That saved search does not exist." };
  const result = await deleteSavedSearch({ id: id.data, userId: user.id, isAdmin: user.role === "admin" });
  if (result === "not_found") return { error: "That saved search does not exist, or is not yours to delete." };
  revalidatePath("/explore");
  revalidatePath("/projects/[projectId]/explore", "page");
  return {};
}
