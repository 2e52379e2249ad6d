import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { forgetIngestKey } from "./authenticate-ingest-key";
import { hashIngestKey } from "./hash-ingest-key";

/** Every key starts with this, so a leaked one is recognisable (and greppable) as ours. */
export const INGEST_KEY_PREFIX = "ldk_";
/** How much of a key lists show: the prefix and 8 random characters (48 of its 256 bits). */
export const INGEST_KEY_SHOWN_LENGTH = INGEST_KEY_PREFIX.length + 8;

export interface CreateIngestKeyOptions {
  name: string;
  /** Bind the key to this project (created if it does not exist yet, as ingestion would); null: every project. */
  projectId: string | null;
  createdById: string | null;
}

export interface CreatedIngestKey {
  id: string;
  name: string;
  prefix: string;
  projectId: string | null;
  createdAt: Date;
  /** The key itself: returned this once, never stored (only its SHA-256 is). */
  key: string;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 43 characters of [A-Za-z0-9]: 256 bits, as the 32 bytes base64url keys had. */
const RANDOM_LENGTH = 43;

/**
 * The random part of a key, letters and digits only: a Sentry DSN carries the key as its
 * user part, and Sentry's SDKs refuse one holding "-" (base64url keys, made before, still
 * work everywhere else). Rejection sampling keeps every character equally likely.
 */
function randomAlphanumeric(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue; // 248 = 4 × 62: the bytes above would favour the first 8 characters
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new ingest key: `ldk_` and 43 random letters and digits (256 bits). */
export async function createIngestKey({ name, projectId, createdById }: CreateIngestKeyOptions): Promise<CreatedIngestKey> {
  const key = INGEST_KEY_PREFIX + randomAlphanumeric(RANDOM_LENGTH);
  const prefix = key.slice(0, INGEST_KEY_SHOWN_LENGTH);
  const row = await prisma().$transaction(async (tx) => {
    if (projectId !== null) {
      await tx.project.upsert({ where: { id: projectId }, create: { id: projectId, name: projectId }, update: {}, select: { id: true } });
    }
    return tx.ingestKey.create({
      data: { id: newId(), name, prefix, hash: hashIngestKey(key), projectId, createdById },
      select: { id: true, name: true, prefix: true, projectId: true, createdAt: true },
    });
  });
  // Never tried before it existed, being random; but a cached refusal must not outlive it.
  forgetIngestKey({ hash: hashIngestKey(key) });
  return { ...row, key };
}
