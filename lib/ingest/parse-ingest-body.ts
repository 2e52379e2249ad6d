// From a parsed body to validated items: one item, or {"<batchKey>": [item, …]}. Every
// problem becomes a detail naming the item's index and the field; size limits answer
// 413, everything else 400. Nothing is stored unless every item passes.
import type { z } from "zod";
import { AppError, type AppErrorDetail } from "@/lib/http/app-error";

export interface ParseIngestBodyOptions<T> {
  body: unknown;
  /** "events" or "errors": the batch envelope's one key. */
  batchKey: string;
  /** "event" or "error", for messages. */
  itemName: string;
  schema: z.ZodType<T>;
  maxBatchItems: number;
  /** A check that needs more than the item (the time of receipt): a problem, or null. */
  checkItem?: (item: T) => { field: string; message: string } | null;
}

const MAX_DETAILS = 50;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function parseIngestBody<T>({ body, batchKey, itemName, schema, maxBatchItems, checkItem }: ParseIngestBodyOptions<T>): T[] {
  const shape = `an ${itemName} object or {"${batchKey}": [${itemName}, …]}`;
  if (!isPlainObject(body)) {
    throw new AppError("validation_failed", `The body must be ${shape}, not ${Array.isArray(body) ? "an array" : body === null ? "null" : typeof body}.`);
  }

  const isBatch = Object.prototype.hasOwnProperty.call(body, batchKey);
  let rawItems: unknown[];
  if (isBatch) {
    const extra = Object.keys(body).filter((key) => key !== batchKey);
    if (extra.length) {
      throw new AppError("validation_failed", `A batch holds only "${batchKey}"; unknown field "${extra[0]!.slice(0, 100)}".`, {
        details: extra.slice(0, MAX_DETAILS).map((key) => ({ field: key.slice(0, 100), message: "is not a field of a batch" })),
      });
    }
    const list = body[batchKey];
    if (!Array.isArray(list)) throw new AppError("validation_failed", `"${batchKey}" must be an array of ${itemName}s.`, { details: [{ field: batchKey, message: "must be an array" }] });
    if (list.length === 0) throw new AppError("validation_failed", `"${batchKey}" is empty; send at least one ${itemName}.`, { details: [{ field: batchKey, message: "must not be empty" }] });
    if (list.length > maxBatchItems) {
      throw new AppError("payload_too_large", `The batch holds ${list.length} ${itemName}s, more than ${maxBatchItems} (INGEST_MAX_BATCH_ITEMS).`, {
        details: [{ field: batchKey, message: `more than ${maxBatchItems} items`, limit: "INGEST_MAX_BATCH_ITEMS" }],
      });
    }
    rawItems = list;
  } else {
    rawItems = [body];
  }

  const items: T[] = [];
  const details: AppErrorDetail[] = [];
  let limitExceeded = false;
  // Every problem is counted; the first MAX_DETAILS are described.
  let problems = 0;
  rawItems.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      const problem = checkItem?.(result.data);
      if (!problem) {
        items.push(result.data);
        return;
      }
      problems++;
      if (details.length < MAX_DETAILS) details.push({ index, ...problem });
      return;
    }
    for (const detail of describeIssues(result.error.issues, index)) {
      problems++;
      if (detail.limit) limitExceeded = true;
      if (details.length < MAX_DETAILS) details.push(detail);
    }
  });
  if (details.length === 0) return items;

  const first = details[0]!;
  const where = isBatch ? `${batchKey}[${first.index}]` : itemName;
  const listed = problems > details.length ? `; the first ${details.length} are listed in details` : "";
  const more = problems > 1 ? ` (and ${problems - 1} more problem${problems > 2 ? "s" : ""}${listed})` : "";
  const message = `${where}${first.field ? `.${first.field}` : ""} ${first.message}${more}`;
  // Only size limits answer 413: retrying the same body can never succeed, and the
  // client must split or trim it. Any other problem is a malformed item: 400.
  throw new AppError(limitExceeded && details.every((d) => d.limit) ? "payload_too_large" : "validation_failed", message, { details });
}

function describeIssues(issues: readonly z.core.$ZodIssue[], index: number): AppErrorDetail[] {
  const details: AppErrorDetail[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join(".").slice(0, 300);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) details.push({ index, field: joinPath(field, key.slice(0, 100)), message: "is not a known field" });
      continue;
    }
    const limit = issue.code === "custom" ? (issue.params as { limit?: string } | undefined)?.limit : undefined;
    details.push({ index, ...(field ? { field } : {}), message: issue.message, ...(limit ? { limit } : {}) });
  }
  return details;
}

const joinPath = (base: string, key: string) => (base ? `${base}.${key}` : key);
