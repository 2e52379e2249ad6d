import "server-only";
// Sentry SDK receivers: POST /api/<n>/envelope/ and /api/<n>/store/ (with or without the
// trailing slash). Key (any of the SDKs' places, or a tunnel's envelope header) → rate
// limit (429 with Retry-After and X-Sentry-Rate-Limits) → body (any Content-Type; gzip,
// deflate, br; SENTRY_MAX_BODY_BYTES decompressed) → items mapped onto logdeck's → the
// ingest core. Always 200 {"id": "<event id as stored>"} when accepted; every item type
// logdeck does not keep (transaction, span, session, client_report, attachment,
// profile…) is accepted and ignored.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute, type RouteCors } from "@/lib/http/define-route";
import { toAppError, toErrorResponse } from "@/lib/http/to-error-response";
import type { IngestKeyIdentity } from "@/lib/ingest-keys/authenticate-ingest-key";
import { authorizeIngest } from "../authorize-ingest";
import { withIngestAdmission } from "../ingest-admission";
import type { GetIngestConfig } from "../create-json-ingest-route";
import type { IngestConfig } from "../ingest-config";
import { ingestItems } from "../ingest-items";
import { ERRORS_ENDPOINT, EVENTS_ENDPOINT } from "../ingest-endpoints";
import { deterministicUuid } from "../otlp/otlp-record-fields";
import { readBodyBytes, type ReadProgress } from "../read-json-body";
import { findDsnProject } from "./find-dsn-project";
import { jsonObject, parseEnvelope } from "./parse-envelope";
import { keyFromDsn, readSentryKey } from "./read-sentry-key";
import { sentryEventToItem, sentryIdAsUuid, sentryLogsToItems } from "./sentry-event-to-item";

type Json = Record<string, unknown>;
const HOW_TO_SEND_KEY = "use the DSN the keys page shows (https://<ingest key>@<host>/<project number>), or ?sentry_key=<key>";

/** The Sentry receivers' CORS (their allowed origins are CORS_ORIGINS, as the JSON API's). */
export const sentryCors = (getConfig: GetIngestConfig): RouteCors => ({
  origins: () => getConfig().corsOrigins,
  allowHeaders: ["Content-Type", "Content-Encoding", "X-Sentry-Auth", "Authorization"],
  exposeHeaders: ["X-Sentry-Rate-Limits"],
});

export function createSentryRoute(kind: "envelope" | "store", getConfig: GetIngestConfig) {
  return defineRoute({
    auth: publicRoute,
    cors: sentryCors(getConfig),
    renderError: sentryErrorResponse,
    methods: {
      // Back-pressure before the body is read (a chunked body counts as INGEST_MAX_BODY_BYTES).
      POST: (request, { params }) => withIngestAdmission(request, getConfig().limits.maxBodyBytes, async (admission) => {
        const config = getConfig();
        const receivedAt = new Date();
        const dsnId = dsnNumber(params.projectId);
        const headerKey = readSentryKey(request);
        // A tunnel forwards the envelope as the browser sent it: the key is in its header.
        // Without a key elsewhere, the body is read first (still within the size limit).
        let bytes: Uint8Array | undefined;
        let key = headerKey;
        if (!key && kind === "envelope") {
          bytes = await readBody(request, config, admission.grow);
          key = keyFromDsn(envelopeHeader(bytes).dsn);
        }
        const identity = await authorizeIngest({ request, key, config, now: receivedAt, howToSendKey: HOW_TO_SEND_KEY });
        bytes ??= await readBody(request, config, admission.grow);
        const projectId = await targetProject(identity, dsnId);

        const errors: Json[] = [];
        const events: Json[] = [];
        let eventId: string | null = null;
        // Rows the body becomes, at most INGEST_MAX_BATCH_ITEMS, as in a JSON batch: one
        // `log` item can hold any number of entries (250,000 one-letter logs are 40 KB
        // gzipped, and mapping them ran the server out of heap). Counted before mapping.
        const maxRows = config.limits.maxBatchItems;
        const admitRows = (more: number) => {
          const rows = errors.length + events.length + more;
          if (rows > maxRows) {
            throw new AppError("payload_too_large", `The envelope holds ${rows} or more events and logs, more than ${maxRows} (INGEST_MAX_BATCH_ITEMS); send fewer at once.`, {
              details: [{ field: "items", message: `more than ${maxRows} rows`, limit: "INGEST_MAX_BATCH_ITEMS" }],
            });
          }
        };
        // Ids of what has none of its own (log entries, an event without event_id) come from
        // the key, the bytes the entry came in and its place there: a retry sends those
        // again, so it is stored once. Not the whole envelope: its header is not the
        // entries' (the SDKs' offline transport sets a new sent_at on every attempt).
        const sha256 = (part: Uint8Array) => createHash("sha256").update(part).digest("hex");
        const take = (event: Json, fallbackId: string) => {
          admitRows(1);
          const mapped = sentryEventToItem(event, { projectId, fallbackId });
          // The answer is the id stored, as Sentry's: an event_id that is no id ("not-hex")
          // gets another, and the SDK's log and the go-to box need that one.
          eventId ??= String(mapped.item.id).replaceAll("-", "");
          (mapped.kind === "error" ? errors : events).push(mapped.item);
        };
        if (kind === "store") {
          take(jsonObject(bytes, "The event"), deterministicUuid(identity.keyId, sha256(bytes), "store"));
        } else {
          const envelope = parseEnvelope(bytes);
          envelope.items.forEach((item, index) => {
            if (item.type === "event") take(jsonObject(item.payload, `Item ${index} (event)`), deterministicUuid(identity.keyId, sha256(item.payload), `${index}`));
            else if (item.type === "log") {
              const payload = jsonObject(item.payload, `Item ${index} (log)`);
              admitRows(Array.isArray(payload.items) ? payload.items.length : 0);
              const digest = sha256(item.payload);
              sentryLogsToItems(payload, { projectId }).forEach((log, i) => {
                events.push({ ...log, id: deterministicUuid(identity.keyId, digest, `${index}.${i}`) });
              });
            }
          });
          // No event (logs only, say): the header's event_id, when it is one.
          eventId ??= sentryIdAsUuid(envelope.header.event_id)?.replaceAll("-", "") ?? null;
        }
        // All or nothing: an event that cannot be stored refuses the envelope (400), so the
        // SDK's debug log says why, rather than a 200 for an event that is not there.
        const common = { identity, config, receivedAt };
        await ingestItems({ ...common, items: errors, endpoint: ERRORS_ENDPOINT, describeItem: () => "the event" });
        await ingestItems({ ...common, items: events, endpoint: EVENTS_ENDPOINT, describeItem: (i) => (events.length > 1 ? `item ${i}` : "the event") });
        return Response.json({ id: eventId }, { headers: { "Cache-Control": "no-store" } });
      }),
    },
  });
}

function dsnNumber(value: unknown): number {
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) {
    throw new AppError("not_found", `"/api/${String(value).slice(0, 40)}/…" names no project: a Sentry DSN ends in the project's number, as the keys page shows it.`);
  }
  return Number(value);
}

/** A bound key's project; else the project the DSN's number names (404 when none does). */
async function targetProject(identity: IngestKeyIdentity, dsnId: number): Promise<string> {
  if (identity.projectId !== null) return identity.projectId;
  const project = await findDsnProject({ dsnId });
  if (!project) throw new AppError("not_found", `No project has the DSN number ${dsnId}; copy the DSN from the keys page.`);
  return project.id;
}

async function readBody(request: Request, config: IngestConfig, onBytes: ReadProgress): Promise<Uint8Array> {
  return readBodyBytes(request, config.sentryMaxBodyBytes, config.limits.bodyTimeoutMs, { limit: "SENTRY_MAX_BODY_BYTES", brotli: true, onBytes });
}

function envelopeHeader(bytes: Uint8Array): Json {
  const end = bytes.indexOf(0x0a);
  return jsonObject(bytes.subarray(0, end === -1 ? bytes.length : end), "The envelope's header");
}

/** The one error body, and for a 429 the header Sentry SDKs read to back off (all categories, this key). */
export function sentryErrorResponse(error: unknown, _request: Request, headers: Record<string, string>): Response {
  const appError = toAppError(error);
  const extra: Record<string, string> = appError.code === "rate_limited" && appError.retryAfter !== undefined ? { "X-Sentry-Rate-Limits": `${Math.ceil(appError.retryAfter)}::key` } : {};
  return toErrorResponse(appError, { ...headers, ...extra });
}
