import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashIngestKey } from "./hash-ingest-key";

export interface IngestKeyIdentity {
  /** `ingest_keys.id`, or `env:<first 12 hex of the hash>` for a key from INGEST_KEYS. */
  keyId: string;
  /** The project the key is bound to; null: every project. */
  projectId: string | null;
}

// lastUsedAt is a hint for admins ("used 3 minutes ago"), not an audit log: writing it on
// every request would turn each ingest into two writes. Once a minute per key is enough.
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

const MAX_KEY_LENGTH = 512;

/**
 * How long this process trusts what the database said about a key. Without it every
 * request costs a query — and an unknown or revoked key (a misconfigured client retrying,
 * someone guessing) costs one too, before any rate limit applies, since the limiter
 * counts per known key. The price: a key revoked elsewhere (another instance, or
 * `npm run keys revoke` from the command line) keeps working in this process for at most
 * this long; a revocation in this process (the dashboard) takes effect here at once.
 */
export const INGEST_KEY_CACHE_TTL_MS = 10_000;
/** Entries per kind (known keys, refused keys): a flood of made-up keys evicts only its own kind. */
const MAX_CACHED = 10_000;

interface CachedLookup {
  expiresAt: number;
  /** The database's answer (null: no such key, or revoked); pending while the query runs. */
  row: Promise<KeyRow | null>;
  /** The key's id once the answer is in. */
  id?: string;
}
type KeyRow = { id: string; projectId: string | null; lastUsedAt: Date | null };

// On globalThis: Next.js bundles route handlers (the ingestion API) and server actions (the
// keys page's revoke) as separate module graphs in one process, so a module-level Map
// would give each its own cache and a revoke in the dashboard would not reach ingestion.
const caches = ((globalThis as { __logdeckIngestKeyCache?: { known: Map<string, CachedLookup>; refused: Map<string, CachedLookup> } }).__logdeckIngestKeyCache ??= {
  known: new Map<string, CachedLookup>(),
  refused: new Map<string, CachedLookup>(),
});
const { known, refused } = caches;

/**
 * Who an ingest key belongs to (`cachedOnly`: without asking the database): a key listed in INGEST_KEYS (valid for every project,
 * compared in constant time), or a non-revoked row of `ingest_keys` found by its hash
 * (cached for INGEST_KEY_CACHE_TTL_MS). Null for a missing, unknown or revoked key.
 */
export async function authenticateIngestKey({ key, now = new Date(), cachedOnly = false }: { key: string | null | undefined; now?: Date; cachedOnly?: boolean }): Promise<IngestKeyIdentity | null> {
  if (!key || key.length > MAX_KEY_LENGTH) return null;
  const hash = hashIngestKey(key);

  const envKey = matchEnvKey(hash);
  if (envKey) return { keyId: `env:${envKey.slice(0, 12)}`, projectId: null };

  // cachedOnly (a caller over its failed-key budget): what this process knows, no query.
  const row = cachedOnly ? await cachedRow(hash, now.getTime()) : await lookUp(hash, now.getTime());
  if (!row) return null;
  await touchLastUsed(row.id, row.lastUsedAt, now);
  return { keyId: row.id, projectId: row.projectId };
}

/** The key's row if the cache holds a fresh answer for it, else null. */
async function cachedRow(hash: string, nowMs: number): Promise<KeyRow | null> {
  const cached = known.get(hash);
  return cached && cached.expiresAt > nowMs ? cached.row.catch(() => null) : null;
}

/** The key's row, from the cache while fresh; concurrent requests with one key share one query. */
async function lookUp(hash: string, nowMs: number): Promise<KeyRow | null> {
  const cached = known.get(hash) ?? refused.get(hash);
  if (cached && cached.expiresAt > nowMs) return cached.row;
  known.delete(hash);
  refused.delete(hash);

  const pending = prisma()
    .ingestKey.findUnique({ where: { hash }, select: { id: true, projectId: true, revokedAt: true, lastUsedAt: true } })
    .then((row) => (row && !row.revokedAt ? { id: row.id, projectId: row.projectId, lastUsedAt: row.lastUsedAt } : null));
  const entry: CachedLookup = { expiresAt: nowMs + INGEST_KEY_CACHE_TTL_MS, row: pending };
  // Pending lookups sit with the known keys until their answer says which kind they are.
  remember(known, hash, entry);
  try {
    const row = await pending;
    if (row) entry.id = row.id;
    else if (known.get(hash) === entry) {
      known.delete(hash);
      remember(refused, hash, entry);
    }
    return row;
  } catch (error) {
    // A failed query (database down: 503) is not an answer to remember.
    if (known.get(hash) === entry) known.delete(hash);
    throw error;
  }
}

function remember(cache: Map<string, CachedLookup>, hash: string, entry: CachedLookup): void {
  // Oldest first: Maps iterate in insertion order.
  while (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(hash, entry);
}

/** Forget what this process knows about a key (after revoking or creating it here). */
export function forgetIngestKey({ id, hash }: { id?: string; hash?: string }): void {
  if (hash !== undefined) {
    known.delete(hash);
    refused.delete(hash);
  }
  if (id === undefined) return;
  // A pending lookup may be this key's too: dropped as well, to be safe.
  for (const [cachedHash, entry] of known) if (entry.id === undefined || entry.id === id) known.delete(cachedHash);
}

/** For tests: forget every cached lookup. */
export function clearIngestKeyCache(): void {
  known.clear();
  refused.clear();
  lastUsedWritten.clear();
}

/** The hash of the INGEST_KEYS entry equal to the given hash, checking every entry. */
function matchEnvKey(hash: string): string | null {
  const given = Buffer.from(hash, "hex");
  let match: string | null = null;
  for (const candidate of envKeyHashes(env().INGEST_KEYS)) {
    // Equal-length digests, so timingSafeEqual never throws; no early exit either.
    if (timingSafeEqual(given, candidate.digest)) match = candidate.hex;
  }
  return match;
}

// INGEST_KEYS hashed once per configuration, not once per request.
const envKeyHashCache = new WeakMap<readonly string[], { hex: string; digest: Buffer }[]>();
function envKeyHashes(keys: readonly string[]): { hex: string; digest: Buffer }[] {
  let hashes = envKeyHashCache.get(keys);
  if (!hashes) {
    hashes = keys.map((key) => {
      const hex = hashIngestKey(key);
      return { hex, digest: Buffer.from(hex, "hex") };
    });
    envKeyHashCache.set(keys, hashes);
  }
  return hashes;
}

async function touchLastUsed(id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  const nowMs = now.getTime();
  const previous = Math.max(lastUsedAt?.getTime() ?? 0, lastUsedWritten.get(id) ?? 0);
  if (nowMs - previous < LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(id, nowMs);
  if (lastUsedWritten.size > 10_000) lastUsedWritten.clear();
  // A failed hint must not fail the request it rides on.
  await prisma()
    .ingestKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(nowMs - LAST_USED_EVERY_MS) } }] }, data: { lastUsedAt: now } })
    .catch(() => {});
}
