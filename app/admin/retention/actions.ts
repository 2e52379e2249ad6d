"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { startRetention } from "@/lib/retention/start-retention";

export interface TriggerRetentionState {
  message?: string;
  error?: string;
  /** The run started: the trigger shows its outcome in place of `message` once it ends. */
  runId?: string;
}

const ZTriggerRetentionSchema = z.object({ dryRun: z.enum(["true", "false"]).transform((v) => v === "true") });

// Start a retention run (or a dry run) as this admin; the page follows its progress.
export async function triggerRetentionAction(_previous: TriggerRetentionState, form: FormData): Promise<TriggerRetentionState> {
  const admin = await requireAdmin();
  const parsed = ZTriggerRetentionSchema.safeParse({ dryRun: form.get("dryRun") ?? "" });
  if (!parsed.success) return { error: "Choose a run or a dry run." };
  const { dryRun } = parsed.data;
  try {
    const result = await startRetention({ trigger: "session", actor: admin.email, dryRun });
    revalidatePath("/admin/retention");
    if (result.status === "busy") return { error: "Another retention run is in progress; wait for it to finish." };
    return { message: dryRun ? "Dry run started." : "Retention run started.", runId: result.id };
  } catch (error) {
    console.error("logdeck: could not start a retention run", error);
    return { error: "The run could not start (is the database reachable?). Nothing was deleted." };
  }
}
