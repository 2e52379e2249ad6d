// What OTLP logs and spans share on their way to logdeck's items: ids derived from the
// request, times, trace ids as UUIDs, the project and run.
import { createHash } from "node:crypto";
import type { KeyValue } from "./gen/logdeck/otlp/v1/otlp_pb";
import { stringAttribute } from "./any-value";

/**
 * An id made from the key, the decompressed body's digest and the record's position: the
 * same export retried (the SDKs and the Collector retry 429/502/503/504 and timeouts)
 * gives the same ids, which the insert skips. UUID-shaped (version 8: custom).
 */
export function deterministicUuid(keyId: string, digest: string, position: string): string {
  const hex = createHash("sha256").update(`${keyId}\n${digest}\n${position}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A 16-byte trace id as a UUID (what a support person pastes); undefined when absent or all zeros. */
export function traceIdAsUuid(bytes: Uint8Array): string | undefined {
  if (bytes.length !== 16 || bytes.every((b) => b === 0)) return undefined;
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const hexId = (bytes: Uint8Array): string | undefined => (bytes.length && !bytes.every((b) => b === 0) ? Buffer.from(bytes).toString("hex") : undefined);

/**
 * Nanoseconds since the epoch as an ISO timestamp (ms precision); undefined for 0 (unknown)
 * or a time no Date can hold (then the time of receipt is used and the raw value kept in detail).
 */
export function nanosToIso(nanos: bigint): string | undefined {
  if (nanos <= 0n) return undefined;
  const ms = Number(nanos / 1_000_000n);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The SDKs' default service.name when none is configured: `unknown_service` or `unknown_service:<process>`. */
export const isDefaultServiceName = (name: string) => name === "unknown_service" || name.startsWith("unknown_service:");

export interface OtlpTarget {
  projectId?: string;
  runId?: string;
  /** Set when service.name was the SDK default and so named no project. */
  defaultServiceName?: string;
}

/**
 * Where a record goes. projectId: a bound key's project (filled in by ingestItems), else
 * resource attribute `logdeck.project_id`, else `service.name` — but not the SDKs' default
 * `unknown_service:*`, which would turn every unconfigured process into a project of its
 * own: such records are stored with no project (or their run's) and the answer's
 * partialSuccess says so. runId: `logdeck.run_id` on the record, else on the resource.
 */
export function otlpTarget(recordAttributes: readonly KeyValue[], resourceAttributes: readonly KeyValue[], boundProjectId: string | null): OtlpTarget {
  const runId = stringAttribute(recordAttributes, "logdeck.run_id") ?? stringAttribute(resourceAttributes, "logdeck.run_id");
  if (boundProjectId !== null) return { runId };
  const explicit = stringAttribute(resourceAttributes, "logdeck.project_id");
  if (explicit !== undefined) return { projectId: explicit, runId };
  const service = stringAttribute(resourceAttributes, "service.name");
  if (service === undefined || service === "") return { runId };
  if (isDefaultServiceName(service)) return { runId, defaultServiceName: service };
  return { projectId: service, runId };
}
