// OTLP log records → logdeck items (docs/ingest-protocols.md has the table): a record with
// `exception.*` attributes or a severity of ERROR (17) or more is an error, any other an
// event. Nothing a record carries is dropped: what has no column goes into payload/detail.
import type { ExportLogsServiceRequest, LogRecord } from "./gen/logdeck/otlp/v1/otlp_pb";
import { anyValueToJson, attributesToJson, stringAttribute, TooDeepError, type JsonValue } from "./any-value";
import { deterministicUuid, hexId, nanosToIso, otlpTarget, traceIdAsUuid } from "./otlp-record-fields";

export interface MappedRecords {
  events: Record<string, unknown>[];
  errors: Record<string, unknown>[];
  /** Position ("2.0.5": resource, scope, record) of each event and error, for messages. */
  eventPositions: string[];
  errorPositions: string[];
  /** Records refused before validation (too deep), with why. */
  refused: string[];
  total: number;
  /** service.name values that were the SDK default (no project taken from them). */
  defaultServiceNames: Set<string>;
}

const SEVERITY_NAMES = ["", "trace", "debug", "info", "warn", "error", "fatal"];

export function severityName(number: number, text: string): string {
  if (text.trim() !== "") return text.trim();
  return SEVERITY_NAMES[Math.ceil(Math.min(Math.max(number, 0), 24) / 4)] || "unspecified";
}

/** 13–16 → warning, 17–20 → error, 21–24 → critical; below: error (only exception records get here). */
export function errorSeverity(number: number): "warning" | "error" | "critical" {
  if (number >= 21) return "critical";
  if (number >= 17) return "error";
  if (number >= 13) return "warning";
  return "error";
}

const hasException = (record: LogRecord) => record.attributes.some((a) => a.key.startsWith("exception."));

export function otlpLogsToItems(request: ExportLogsServiceRequest, { keyId, digest, boundProjectId, maxDepth }: { keyId: string; digest: string; boundProjectId: string | null; maxDepth: number }): MappedRecords {
  const out: MappedRecords = { events: [], errors: [], eventPositions: [], errorPositions: [], refused: [], total: 0, defaultServiceNames: new Set() };
  request.resourceLogs.forEach((resourceLogs, r) => {
    const resourceAttributes = resourceLogs.resource?.attributes ?? [];
    let resource: Record<string, JsonValue> | null = null;
    resourceLogs.scopeLogs.forEach((scopeLogs, s) => {
      let scope: JsonValue | null = null;
      scopeLogs.logRecords.forEach((record, i) => {
        out.total++;
        const position = `${r}.${s}.${i}`;
        try {
          resource ??= attributesToJson(resourceAttributes, maxDepth);
          scope ??= scopeLogs.scope ? { name: scopeLogs.scope.name, version: scopeLogs.scope.version, attributes: attributesToJson(scopeLogs.scope.attributes, maxDepth) } : null;
          const target = otlpTarget(record.attributes, resourceAttributes, boundProjectId);
          if (target.defaultServiceName) out.defaultServiceNames.add(target.defaultServiceName);
          const mapped = mapRecord(record, { resource, scope, maxDepth });
          const id = deterministicUuid(keyId, digest, position);
          const common = { id, projectId: target.projectId, runId: target.runId, createdAt: nanosToIso(record.timeUnixNano) ?? nanosToIso(record.observedTimeUnixNano) };
          if (mapped.kind === "error") {
            out.errors.push({ ...common, ...mapped.item, traceId: traceIdAsUuid(record.traceId) ?? deterministicUuid(keyId, digest, `${position}.trace`) });
            out.errorPositions.push(position);
          } else {
            out.events.push({ ...common, ...mapped.item });
            out.eventPositions.push(position);
          }
        } catch (error) {
          if (!(error instanceof TooDeepError)) throw error;
          out.refused.push(`logRecords ${position}: attributes or body nest deeper than ${maxDepth} levels (INGEST_MAX_DEPTH)`);
        }
      });
    });
  });
  return out;
}

function mapRecord(record: LogRecord, { resource, scope, maxDepth }: { resource: JsonValue; scope: JsonValue; maxDepth: number }): { kind: "event" | "error"; item: Record<string, unknown> } {
  const attributes = attributesToJson(record.attributes, maxDepth);
  const body = anyValueToJson(record.body, maxDepth);
  const severity = severityName(record.severityNumber, record.severityText);
  // Everything without a column of its own, under names a reader recognises.
  const context: Record<string, JsonValue> = {
    body,
    attributes,
    resource,
    scope,
    severity: { number: record.severityNumber, text: record.severityText },
  };
  const spanId = hexId(record.spanId);
  if (spanId) context.spanId = spanId;
  const traceId = hexId(record.traceId);
  if (traceId) context.traceId = traceId;
  if (record.flags) context.flags = record.flags;
  if (record.timeUnixNano > 0n && !nanosToIso(record.timeUnixNano)) context.timeUnixNano = record.timeUnixNano.toString();

  if (hasException(record) || record.severityNumber >= 17) {
    const bodyText = typeof body === "string" ? body : body === null ? "" : JSON.stringify(body);
    return {
      kind: "error",
      item: {
        errorType: stringAttribute(record.attributes, "exception.type") || severity.toUpperCase(),
        message: stringAttribute(record.attributes, "exception.message") ?? bodyText,
        stack: stringAttribute(record.attributes, "exception.stacktrace"),
        endpoint: stringAttribute(record.attributes, "http.route") ?? stringAttribute(record.attributes, "url.path"),
        severity: errorSeverity(record.severityNumber),
        detail: context,
      },
    };
  }
  const userId = stringAttribute(record.attributes, "user.id");
  return {
    kind: "event",
    item: {
      eventType: record.eventName || stringAttribute(record.attributes, "event.name") || `log.${severity.toLowerCase()}`,
      payload: context,
      ...(userId ? { userId, actorId: userId, actorType: "user" } : { actorType: "system" }),
    },
  };
}
