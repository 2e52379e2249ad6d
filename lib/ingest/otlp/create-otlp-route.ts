import "server-only";
// OTLP/HTTP receivers: POST /v1/logs and /v1/traces (also under /api/otlp, so both
// OTEL_EXPORTER_OTLP_ENDPOINT=https://host and …/api/otlp work). Key (Bearer or ?key=) →
// rate limit → content type → body (OTLP_MAX_BODY_BYTES, decompressed) → decode → map to
// items → the ingest core, invalid records left out and counted in partialSuccess.
import type { DescMessage, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { defineRoute } from "@/lib/http/define-route";
import { authorizeIngest, readIngestKey } from "../authorize-ingest";
import { withIngestAdmission } from "../ingest-admission";
import { ingestCors, type GetIngestConfig } from "../create-json-ingest-route";
import { ingestItems } from "../ingest-items";
import { ERRORS_ENDPOINT, EVENTS_ENDPOINT } from "../ingest-endpoints";
import type { MappedRecords } from "./otlp-logs-to-items";
import { otlpErrorResponse, otlpResponse } from "./otlp-response";
import type { OtlpSignalKind } from "./count-otlp-records";
import { otlpEncoding, readOtlpRequest } from "./read-otlp-request";

export interface OtlpSignal<Req extends DescMessage, Res extends DescMessage> {
  request: Req;
  response: Res;
  /** "log records" / "spans", for messages. */
  unit: string;
  /** Which records count against OTLP_MAX_RECORDS. */
  kind: OtlpSignalKind;
  toItems: (message: MessageShape<Req>, context: { keyId: string; digest: string; boundProjectId: string | null; maxDepth: number }) => MappedRecords;
  /** The partialSuccess of the answer. */
  partialSuccess: (rejected: bigint, errorMessage: string) => Record<string, unknown>;
}

export function createOtlpRoute<Req extends DescMessage, Res extends DescMessage>(signal: OtlpSignal<Req, Res>, getConfig: GetIngestConfig) {
  return defineRoute({
    auth: async (request) => {
      const config = getConfig();
      const now = new Date();
      const identity = await authorizeIngest({ request, key: readIngestKey(request), config, now, howToSendKey: "set the header Authorization: Bearer <ingest key> (OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<key>)" });
      return { identity, config, receivedAt: now };
    },
    cors: ingestCors(getConfig),
    renderError: otlpErrorResponse,
    methods: {
      // Back-pressure before the body is read (a chunked body counts as INGEST_MAX_BODY_BYTES).
      POST: (request, { auth: { identity, config, receivedAt } }) => withIngestAdmission(request, config.limits.maxBodyBytes, async (admission) => {
        const encoding = otlpEncoding(request);
        const { message, digest } = await readOtlpRequest(request, signal.request, { encoding, kind: signal.kind, maxBytes: config.otlpMaxBodyBytes, maxRecords: config.otlpMaxRecords, timeoutMs: config.limits.bodyTimeoutMs, maxDepth: config.limits.maxDepth, onBytes: admission.grow });
        const mapped = signal.toItems(message, { keyId: identity.keyId, digest, boundProjectId: identity.projectId, maxDepth: config.limits.maxDepth });
        const common = { identity, config, receivedAt, invalid: "skip" as const };
        // Events and errors go to their own tables, one statement each: a failure between
        // them (503) leaves the first stored, and the client's retry, having the same ids,
        // stores only the rest.
        const events = await ingestItems({ ...common, items: mapped.events, endpoint: EVENTS_ENDPOINT, describeItem: (i) => `${signal.unit} ${mapped.eventPositions[i]}` });
        const errors = await ingestItems({ ...common, items: mapped.errors, endpoint: ERRORS_ENDPOINT, describeItem: (i) => `${signal.unit} ${mapped.errorPositions[i]}` });
        const rejected = mapped.refused.length + events.rejectedCount + errors.rejectedCount;
        const problems = [...mapped.refused, events.firstProblem, errors.firstProblem].filter((p): p is string => !!p);
        const notes: string[] = [];
        if (rejected) notes.push(`${rejected} of ${mapped.total} ${signal.unit} could not be stored; the first: ${problems[0]}.`);
        if (mapped.defaultServiceNames.size) {
          const name = [...mapped.defaultServiceNames][0]!;
          notes.push(`service.name is the SDK default "${name.slice(0, 100)}", which names no project: records were stored without one. Set OTEL_SERVICE_NAME, the resource attribute logdeck.project_id, or use an ingest key bound to a project.`);
        }
        return otlpResponse(signal.response, (notes.length ? { partialSuccess: signal.partialSuccess(BigInt(rejected), notes.join(" ")) } : {}) as MessageInitShape<Res>, encoding);
      }),
    },
  });
}
