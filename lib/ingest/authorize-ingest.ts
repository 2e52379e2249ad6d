import "server-only";
// The first two refusals of every receiver, cheapest first: the key (401), then its rate
// limit (429) — before any of the body is read.
import { AppError } from "@/lib/http/app-error";
import { readBearerToken } from "@/lib/http/read-bearer-token";
import type { IngestKeyIdentity } from "@/lib/ingest-keys/authenticate-ingest-key";
import { authenticateIngestKeyThrottled } from "@/lib/ingest-keys/throttle-key-failures";
import type { IngestConfig } from "./ingest-config";
import { takeRateLimitToken } from "./take-rate-limit-token";

export interface AuthorizeIngestOptions {
  /** The request, for its client address (failed keys are throttled per address). */
  request: Request;
  /** The key as the protocol carries it (null: none, or not in a form we read). */
  key: string | null | undefined;
  config: IngestConfig;
  now: Date;
  /** How this protocol sends a key, for the 401's message. */
  howToSendKey: string;
}

export async function authorizeIngest({ request, key, config, now, howToSendKey }: AuthorizeIngestOptions): Promise<IngestKeyIdentity> {
  const identity = await authenticateIngestKeyThrottled({ key, request, now });
  if (!identity) {
    throw new AppError("unauthorized", `A valid ingest key is required: ${howToSendKey}.`, { headers: { "WWW-Authenticate": 'Bearer realm="logdeck ingest"' } });
  }
  const { perSecond, burst } = config.rateLimit;
  const rate = await takeRateLimitToken(identity.keyId, { perSecond, burst });
  if (!rate.allowed) {
    throw new AppError("rate_limited", `Too many requests for this ingest key (INGEST_RATE_LIMIT_PER_SECOND=${perSecond}); retry after ${rate.retryAfterSeconds} s.`, {
      retryAfter: rate.retryAfterSeconds,
    });
  }
  return identity;
}

/** The key from `Authorization: Bearer …`, else from `?key=` (sendBeacon cannot set headers). */
export function readIngestKey(request: Request): string | null | undefined {
  const header = readBearerToken(request.headers.get("authorization"));
  if (header !== undefined) return header;
  return new URL(request.url).searchParams.get("key");
}
