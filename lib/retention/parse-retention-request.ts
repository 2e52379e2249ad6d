import { z } from "zod";
import { AppError } from "@/lib/http/app-error";
import { parse as parseLossless } from "lossless-json";

// Strict: a misspelt option (`{"dry_run": true}`) must be refused, never read as "delete".
export const ZRetentionRequestSchema = z.strictObject({ dryRun: z.boolean().optional() });
export type TRetentionRequest = z.infer<typeof ZRetentionRequestSchema>;

const MAX_BODY_CHARS = 4_096;

/**
 * The optional body of POST /api/admin/retention: none (or blank) means a real run. Any
 * query parameter is refused: `?dryRun=1` is a natural guess, and read as "no body" it
 * would delete.
 */
export function parseRetentionRequest(text: string, query: URLSearchParams = new URLSearchParams()): { dryRun: boolean } {
  const names = [...new Set(query.keys())];
  if (names.length) {
    throw new AppError("validation_failed", 'Options go in the JSON body, not the query string: send {"dryRun": true} for a dry run, or nothing for a real run.', {
      details: names.slice(0, 10).map((name) => ({ field: name.slice(0, 100), message: "query parameters are not read; put options in the body" })),
    });
  }
  // The size first: megabytes of anything, blanks included, are a mistake, never a real run.
  if (text.length > MAX_BODY_CHARS) throw new AppError("payload_too_large", `The body may hold at most ${MAX_BODY_CHARS} characters.`);
  if (text.trim() === "") return { dryRun: false };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", 'The body is not valid JSON; send {"dryRun": true}, {"dryRun": false} or nothing.');
  }
  // JSON.parse keeps the last of two "dryRun"s: a body that says both is a mistake.
  // lossless-json refuses a key named twice with different values.
  const duplicate = duplicateKeyOf(text);
  if (duplicate !== null) {
    throw new AppError("validation_failed", `The body names "${duplicate.slice(0, 100)}" more than once with different values; send {"dryRun": true}, {"dryRun": false} or nothing.`, {
      details: [{ field: duplicate.slice(0, 100), message: "appears more than once with different values" }],
    });
  }
  const parsed = ZRetentionRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("validation_failed", 'The body may only hold "dryRun", a boolean.', {
      details: parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || undefined, message: issue.message })),
    });
  }
  return { dryRun: parsed.data.dryRun ?? false };
}

/** The key this (valid) JSON text names twice with different values, or null. */
function duplicateKeyOf(text: string): string | null {
  try {
    parseLossless(text, undefined, Number);
    return null;
  } catch (error) {
    return /^Duplicate key '([\s\S]*)' encountered at position \d+$/.exec((error as Error).message)?.[1] ?? null;
  }
}
