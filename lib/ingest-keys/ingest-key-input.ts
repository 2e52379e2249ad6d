import { z } from "zod";
import { identifierProblem } from "@/lib/ingest/item-fields";

// What an admin types when creating a key, from the admin page or `npm run keys`.
export const ZCreateIngestKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(100, "Key names are at most 100 characters."),
  // Blank: a key for every project.
  projectId: z
    .string()
    .trim()
    .max(128, "Project ids are at most 128 characters.")
    .regex(/^[^\s\u0000-\u001f\u007f]*$/, "Project ids have no spaces or control characters.")
    // Ingestion's rule for ids (zero-width and bidi characters too): a key bound to a
    // project ingestion would refuse by name writes into a look-alike of another.
    .superRefine((value, ctx) => {
      const problem = identifierProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `The project id ${problem}.` });
    })
    .optional()
    .transform((value) => (value ? value : null)),
});

export type TCreateIngestKeyInput = z.infer<typeof ZCreateIngestKeyInputSchema>;

/** A key id as our ids look (cuid-like); anything else cannot be a key. */
export const ZIngestKeyIdSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "That is not a key id.");
