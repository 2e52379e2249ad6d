// OTLP spans → logdeck errors: each span event named "exception" is an error with the
// span's trace id; the span's context goes into detail. Other spans are acknowledged and
// not stored (logdeck keeps logs and errors, not traces).
import type { ExportTraceServiceRequest } from "./gen/logdeck/otlp/v1/otlp_pb";
import { attributesToJson, stringAttribute, TooDeepError, type JsonValue } from "./any-value";
import type { MappedRecords } from "./otlp-logs-to-items";
import { deterministicUuid, hexId, nanosToIso, otlpTarget, traceIdAsUuid } from "./otlp-record-fields";

const SPAN_KINDS = ["unspecified", "internal", "server", "client", "producer", "consumer"];

export function otlpTracesToItems(request: ExportTraceServiceRequest, { keyId, digest, boundProjectId, maxDepth }: { keyId: string; digest: string; boundProjectId: string | null; maxDepth: number }): MappedRecords {
  const out: MappedRecords = { events: [], errors: [], eventPositions: [], errorPositions: [], refused: [], total: 0, defaultServiceNames: new Set() };
  request.resourceSpans.forEach((resourceSpans, r) => {
    const resourceAttributes = resourceSpans.resource?.attributes ?? [];
    resourceSpans.scopeSpans.forEach((scopeSpans, s) => {
      scopeSpans.spans.forEach((span, i) => {
        out.total++;
        span.events.forEach((event, e) => {
          if (event.name !== "exception") return;
          const position = `${r}.${s}.${i}.${e}`;
          try {
            const target = otlpTarget(span.attributes, resourceAttributes, boundProjectId);
            if (target.defaultServiceName) out.defaultServiceNames.add(target.defaultServiceName);
            const detail: Record<string, JsonValue> = {
              span: {
                name: span.name,
                spanId: hexId(span.spanId) ?? null,
                parentSpanId: hexId(span.parentSpanId) ?? null,
                kind: SPAN_KINDS[span.kind] ?? span.kind,
                status: span.status ? { code: span.status.code, message: span.status.message } : null,
                startTime: nanosToIso(span.startTimeUnixNano) ?? null,
                endTime: nanosToIso(span.endTimeUnixNano) ?? null,
                attributes: attributesToJson(span.attributes, maxDepth),
              },
              attributes: attributesToJson(event.attributes, maxDepth),
              resource: attributesToJson(resourceAttributes, maxDepth),
              scope: scopeSpans.scope ? { name: scopeSpans.scope.name, version: scopeSpans.scope.version } : null,
            };
            const traceId = hexId(span.traceId);
            if (traceId) detail.traceId = traceId;
            out.errors.push({
              id: deterministicUuid(keyId, digest, position),
              projectId: target.projectId,
              runId: target.runId,
              createdAt: nanosToIso(event.timeUnixNano) ?? nanosToIso(span.endTimeUnixNano) ?? nanosToIso(span.startTimeUnixNano),
              traceId: traceIdAsUuid(span.traceId) ?? deterministicUuid(keyId, digest, `${position}.trace`),
              errorType: stringAttribute(event.attributes, "exception.type") || "exception",
              message: stringAttribute(event.attributes, "exception.message") ?? span.status?.message ?? "",
              stack: stringAttribute(event.attributes, "exception.stacktrace"),
              endpoint: stringAttribute(span.attributes, "http.route") ?? (span.name || undefined),
              severity: "error",
              detail,
            });
            out.errorPositions.push(position);
          } catch (error) {
            if (!(error instanceof TooDeepError)) throw error;
            out.refused.push(`spans ${position}: attributes nest deeper than ${maxDepth} levels (INGEST_MAX_DEPTH)`);
          }
        });
      });
    });
  });
  return out;
}
