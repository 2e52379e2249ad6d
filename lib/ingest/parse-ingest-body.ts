// From a parsed JSON body to validated items, in two steps every receiver shares the
// second of: unwrapIngestBody takes the JSON API's shapes apart (one item, or
// {"<batchKey>": [item, …]}); validateIngestItems checks items in logdeck's shape. Every
// problem becomes a detail naming the item's index and the field; size limits answer 413,
// everything else 400.
import type { z } from "zod";
import { AppError, type AppErrorDetail } from "@/lib/http/app-error";

const MAX_DETAILS = 50;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export interface UnwrapIngestBodyOptions {
  body: unknown;
  /** "events" or "errors": the batch envelope's one key. */
  batchKey: string;
  /** "event" or "error", for messages. */
  itemName: string;
  maxBatchItems: number;
}

/** The items of a JSON API body, unchecked, and whether it was a batch. */
export function unwrapIngestBody({ body, batchKey, itemName, maxBatchItems }: UnwrapIngestBodyOptions): { rawItems: unknown[]; isBatch: boolean } {
  const shape = `an ${itemName} object or {"${batchKey}": [${itemName}, …]}`;
  if (!isPlainObject(body)) {
    throw new AppError("validation_failed", `The body must be ${shape}, not ${Array.isArray(body) ? "an array" : body === null ? "null" : typeof body}.`);
  }
  if (!Object.prototype.hasOwnProperty.call(body, batchKey)) return { rawItems: [body], isBatch: false };
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
  return { rawItems: list, isBatch: true };
}

export interface ValidateIngestItemsOptions<T> {
  rawItems: readonly unknown[];
  schema: z.ZodType<T>;
  /** A check that needs more than the item (the time of receipt): a problem, or null. */
  checkItem?: (item: T) => { field: string; message: string } | null;
  /** How messages name item `index`: `events[3]`, or `event` for a lone item. */
  describeItem: (index: number) => string;
  /** "refuse": any invalid item refuses them all (AppError); "skip": invalid items are left out and reported. */
  invalid: "refuse" | "skip";
}

export interface ValidatedItems<T> {
  items: T[];
  /** Each valid item's index in rawItems. */
  indexes: number[];
  /** How many items were left out ("skip"), and the first problems, described. */
  rejectedCount: number;
  rejected: AppErrorDetail[];
  /** One sentence on the first problem, for a partial success's message. */
  firstProblem: string | null;
}

export function validateIngestItems<T>({ rawItems, schema, checkItem, describeItem, invalid }: ValidateIngestItemsOptions<T>): ValidatedItems<T> {
  const items: T[] = [];
  const indexes: number[] = [];
  const details: AppErrorDetail[] = [];
  let limitExceeded = false;
  let rejectedCount = 0;
  // Every problem is counted; the first MAX_DETAILS are described.
  let problems = 0;
  rawItems.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      const problem = checkItem?.(result.data);
      if (!problem) {
        items.push(result.data);
        indexes.push(index);
        return;
      }
      rejectedCount++;
      problems++;
      if (details.length < MAX_DETAILS) details.push({ index, ...problem });
      return;
    }
    rejectedCount++;
    for (const detail of describeIssues(result.error.issues, index)) {
      problems++;
      if (detail.limit) limitExceeded = true;
      if (details.length < MAX_DETAILS) details.push(detail);
    }
  });
  if (details.length === 0) return { items, indexes, rejectedCount: 0, rejected: [], firstProblem: null };

  const first = details[0]!;
  const firstProblem = `${describeItem(first.index ?? 0)}${first.field ? `.${first.field}` : ""} ${first.message}`;
  if (invalid === "skip") return { items, indexes, rejectedCount, rejected: details, firstProblem };
  const listed = problems > details.length ? `; the first ${details.length} are listed in details` : "";
  const more = problems > 1 ? ` (and ${problems - 1} more problem${problems > 2 ? "s" : ""}${listed})` : "";
  // Only size limits answer 413: retrying the same body can never succeed, and the
  // client must split or trim it. Any other problem is a malformed item: 400.
  throw new AppError(limitExceeded && details.every((d) => d.limit) ? "payload_too_large" : "validation_failed", `${firstProblem}${more}`, { details });
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
