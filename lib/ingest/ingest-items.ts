import "server-only";
// The ingest core: items in logdeck's shape (contract §3) from any receiver — the JSON API,
// OTLP, Sentry — are validated, scrubbed and limited by the one schema, bound to the key's
// project, and stored by the one insert path. No HTTP and no environment here: the
// receivers read requests and the configuration, and call this.
import type { z } from "zod";
import { AppError, type AppErrorDetail } from "@/lib/http/app-error";
import type { IngestKeyIdentity } from "@/lib/ingest-keys/authenticate-ingest-key";
import { checkCreatedAt } from "./check-created-at";
import { assertCreationAllowed } from "./creation-limits";
import type { IngestConfig } from "./ingest-config";
import type { ItemSchemaContext } from "./item-schemas";
import { validateIngestItems } from "./parse-ingest-body";

type IngestItem = { projectId?: string; runId?: string; createdAt?: Date };

export interface StoreResult {
  /** The items' ids (given or made), in request order. */
  ids: string[];
  /** Runs of another project than the key's that items named: then nothing was stored. */
  foreignRunIds: string[];
  /** Ids of items already stored for another project than the key's: then nothing was stored. */
  foreignItemIds: string[];
  /** Ids that are already the key's project's items of the other kind (an event's, sent as an error's): then nothing was stored. */
  otherKindItemIds: string[];
}

export interface IngestEndpoint<T extends IngestItem> {
  batchKey: string;
  itemName: string;
  createSchema: (context: ItemSchemaContext) => z.ZodType<T>;
  /**
   * Stores the items atomically, filling in (in place) the ids and the createdAt
   * (`receivedAt`) they lack. With a key bound to a project, stores nothing when an item
   * names a run of another project.
   */
  store: (items: T[], options: { receivedAt: Date; boundProjectId: string | null }) => Promise<StoreResult>;
}

export interface IngestItemsOptions<T extends IngestItem> {
  identity: IngestKeyIdentity;
  /** Items in logdeck's shape, not yet checked. */
  items: readonly unknown[];
  endpoint: IngestEndpoint<T>;
  config: IngestConfig;
  receivedAt: Date;
  /** How messages name item `index` (default `events[3]`, or `event` for a lone item). */
  describeItem?: (index: number) => string;
  /** "refuse" (default): one invalid item refuses them all (400/413); "skip": invalid items are left out, counted and described. */
  invalid?: "refuse" | "skip";
}

export interface IngestItemsResult {
  /** The stored items' ids, in the order given (invalid items left out). */
  ids: string[];
  /** Each stored item's index in `items`. */
  indexes: number[];
  /** With invalid: "skip", how many items were left out, the first problems, and a sentence on the first. */
  rejectedCount: number;
  rejected: AppErrorDetail[];
  firstProblem: string | null;
}

// zod compiles an object schema on its first use: build each once per configuration,
// not once per request (which cost more than the insert itself).
const schemaCache = new WeakMap<object, { config: IngestConfig; schema: z.ZodType<unknown> }>();

function schemaFor<T extends IngestItem>(endpoint: IngestEndpoint<T>, config: IngestConfig): z.ZodType<T> {
  const cached = schemaCache.get(endpoint);
  if (cached?.config === config) return cached.schema as z.ZodType<T>;
  const schema = endpoint.createSchema({ limits: config.limits, scrubKeys: config.scrubKeys });
  schemaCache.set(endpoint, { config, schema });
  return schema;
}

/** Validates and stores the items atomically (all or none of the valid ones): their ids. */
export async function ingestItems<T extends IngestItem>(options: IngestItemsOptions<T>): Promise<IngestItemsResult> {
  const { identity, endpoint, config, receivedAt, invalid = "refuse" } = options;
  const describeItem = options.describeItem ?? ((index: number) => (options.items.length > 1 ? `${endpoint.batchKey}[${index}]` : endpoint.itemName));
  const validated = validateIngestItems({
    rawItems: options.items,
    schema: schemaFor(endpoint, config),
    describeItem,
    invalid,
    checkItem: (item) => checkCreatedAt(item, { now: receivedAt, maxFutureSeconds: config.limits.maxFutureSeconds }),
  });
  const { items, indexes } = validated;
  const result = { indexes, rejectedCount: validated.rejectedCount, rejected: validated.rejected, firstProblem: validated.firstProblem };
  if (items.length === 0) return { ids: [], ...result };
  assertKeyMayWrite(identity, items, indexes, describeItem);
  await assertCreationAllowed({ keyId: identity.keyId, items, now: receivedAt });

  const { ids, foreignRunIds, foreignItemIds, otherKindItemIds } = await endpoint.store(items, { receivedAt, boundProjectId: identity.projectId });
  if (foreignRunIds.length) throw foreignOwnerError(identity.projectId!, items, indexes, { field: "runId", values: foreignRunIds, owned: "is a run of another project" }, describeItem);
  if (foreignItemIds.length) {
    throw foreignOwnerError(identity.projectId!, items, indexes, { field: "id", values: foreignItemIds, owned: "is already stored for another project", hint: " — ids must be unique across projects" }, describeItem);
  }
  if (otherKindItemIds.length) {
    const other = endpoint.itemName === "event" ? "an error" : "an event";
    throw foreignOwnerError(identity.projectId!, items, indexes, { field: "id", values: otherKindItemIds, owned: `is already the id of ${other}`, hint: " — a project-bound key's ids must be unique across events and errors", detail: `is already the id of ${other} of the key's project "${identity.projectId}"` }, describeItem);
  }
  return { ids, ...result };
}

function assertKeyMayWrite<T extends IngestItem>(identity: IngestKeyIdentity, items: T[], indexes: number[], describeItem: (index: number) => string): void {
  const bound = identity.projectId;
  if (bound === null) return;
  const offending = items.flatMap((item, i) => (item.projectId !== undefined && item.projectId !== bound ? [i] : []));
  if (offending.length) {
    throw new AppError("forbidden", `This ingest key may only write project "${bound}"; ${describeItem(indexes[offending[0]!]!)} names "${items[offending[0]!]!.projectId}".`, {
      details: offending.slice(0, 50).map((i) => ({ index: indexes[i]!, field: "projectId", message: `is not the key's project "${bound}"` })),
    });
  }
  // A bound key's items without a projectId belong to the key's project.
  for (const item of items) item.projectId ??= bound;
}

/**
 * 403: a bound key's items named what another project owns — runs (`runId`) or ids already
 * stored (`id`) — so nothing was stored. Details name every such item (up to 50).
 */
function foreignOwnerError<T extends IngestItem & { id?: string }>(
  bound: string,
  items: readonly T[],
  indexes: readonly number[],
  { field, values, owned, hint = "", detail = `${owned} than the key's project "${bound}"` }: { field: "runId" | "id"; values: readonly string[]; owned: string; hint?: string; detail?: string },
  describeItem: (index: number) => string,
): AppError {
  const foreign = new Set(values);
  const offending = items.flatMap((item, i) => (item[field] !== undefined && foreign.has(item[field]) ? [i] : []));
  const first = offending[0] ?? 0;
  return new AppError("forbidden", `This ingest key may only write project "${bound}"; ${describeItem(indexes[first] ?? 0)}.${field} "${items[first]?.[field] ?? values[0]}" ${owned}${hint}. Nothing was stored.`, {
    details: offending.slice(0, 50).map((i) => ({ index: indexes[i]!, field, message: detail })),
  });
}
