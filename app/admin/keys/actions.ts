"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { buildKeySnippets, type KeySnippet } from "@/lib/ingest-keys/key-snippets";
import { requireAdmin } from "@/lib/auth/session";
import { createIngestKey } from "@/lib/ingest-keys/create-ingest-key";
import { ZCreateIngestKeyInputSchema, ZIngestKeyIdSchema } from "@/lib/ingest-keys/ingest-key-input";
import { revokeIngestKey } from "@/lib/ingest-keys/revoke-ingest-key";

export interface CreateKeyState {
  error?: string;
  /** The new key, shown in this one response and never again. */
  created?: { name: string; key: string; projectId: string | null; snippets: KeySnippet[] };
}

/** The URL applications reach logdeck at: PUBLIC_URL, else the one this page was loaded from. */
async function publicBaseUrl(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return configured;
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${h.get("host") ?? `localhost:${env().PORT}`}`;
}

// Create an ingest key; the plaintext goes back to this admin once.
export async function createKeyAction(_previous: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const admin = await requireAdmin();
  const parsed = ZCreateIngestKeyInputSchema.safeParse({ name: form.get("name") ?? "", projectId: form.get("projectId") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const created = await createIngestKey({ ...parsed.data, createdById: admin.id });
  revalidatePath("/admin/keys");
  const dsnId = created.projectId === null ? null : ((await prisma().project.findUnique({ where: { id: created.projectId }, select: { dsnId: true } }))?.dsnId ?? null);
  const snippets = buildKeySnippets({ baseUrl: await publicBaseUrl(), key: created.key, projectId: created.projectId, dsnId });
  return { created: { name: created.name, key: created.key, projectId: created.projectId, snippets } };
}

export interface RevokeKeyState {
  error?: string;
}

// Revoke an ingest key: ingestion refuses it (401) from the next request on.
export async function revokeKeyAction(_previous: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  await requireAdmin();
  const parsed = ZIngestKeyIdSchema.safeParse(form.get("id") ?? "");
  if (!parsed.success) return { error: "That key does not exist." };
  const result = await revokeIngestKey({ id: parsed.data });
  if (result === "not_found") return { error: "That key does not exist." };
  revalidatePath("/admin/keys");
  return {};
}
