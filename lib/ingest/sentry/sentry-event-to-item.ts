// A Sentry event (https://develop.sentry.dev/sdk/data-model/event-payloads/) → a logdeck
// item (docs/ingest-protocols.md has the table). fatal/error/warning events are errors;
// info, debug and log-level events are events of type "sentry.message" (any level the SDK
// does not name as such — an unknown one too — is an error). Fields are read
// defensively: an SDK's payload is untrusted, and a field of the wrong type is left out
// (kept in detail as sent) rather than failing the event.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A 32-hex Sentry id (event_id, trace_id) as a UUID; undefined when it is not one. */
export function sentryIdAsUuid(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const hex = value.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seconds since the epoch (a number, or a numeric string) or an RFC 3339 string, as ISO; undefined otherwise. */
export function sentryTimestamp(value: unknown): string | undefined {
  const date = typeof value === "number" ? new Date(value * 1000) : typeof value === "string" ? (/^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value)) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Tags as an object, whether sent as {k: v} or [[k, v], …]. */
function tagsOf(event: Json): Json {
  const tags = event.tags;
  if (isObject(tags)) return tags;
  if (Array.isArray(tags)) {
    const object: Json = {};
    for (const pair of tags) if (Array.isArray(pair) && typeof pair[0] === "string") Object.defineProperty(object, pair[0], { value: pair[1], enumerable: true, writable: true, configurable: true });
    return object;
  }
  return {};
}

/** The frames as JavaScript prints a stack: the error, then the innermost frame first (Sentry lists frames outermost first). */
function readableStack(exception: Json): string | undefined {
  const frames = isObject(exception.stacktrace) && Array.isArray(exception.stacktrace.frames) ? exception.stacktrace.frames.filter(isObject) : [];
  if (frames.length === 0) return undefined;
  const head = [str(exception.type), str(exception.value)].filter(Boolean).join(": ");
  const lines = frames.reverse().map((frame) => {
    const file = str(frame.abs_path) ?? str(frame.filename) ?? str(frame.module) ?? "<unknown>";
    const position = [file, typeof frame.lineno === "number" ? frame.lineno : undefined, typeof frame.colno === "number" ? frame.colno : undefined].filter((part) => part !== undefined).join(":");
    const fn = str(frame.function);
    return fn ? `    at ${fn} (${position})` : `    at ${position}`;
  });
  return [head, ...lines].join("\n");
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, "http://x").pathname;
  } catch {
    return undefined;
  }
}

const LAST_BREADCRUMBS = 30;

export type SentryItem = { kind: "error" | "event"; item: Json };

/**
 * `fallbackId`: the id of an event that has no usable event_id (Sentry's own ingestion
 * assigns one): derived from the event's own bytes (not the envelope's header), so a retry
 * is still stored once.
 */
export function sentryEventToItem(event: Json, { projectId, fallbackId }: { projectId: string | undefined; fallbackId: string }): SentryItem {
  const eventId = sentryIdAsUuid(event.event_id) ?? fallbackId;
  const tags = tagsOf(event);
  // Sentry's default level is error; SDKs send captureMessage at info unless told.
  const level = str(event.level)?.toLowerCase() ?? "error";
  const exceptions = isObject(event.exception) && Array.isArray(event.exception.values) ? event.exception.values.filter(isObject) : Array.isArray(event.exception) ? event.exception.filter(isObject) : [];
  const last = exceptions.at(-1);
  const logentry = isObject(event.logentry) ? event.logentry : isObject(event.message) ? event.message : undefined;
  const messageText = str(logentry?.formatted) ?? str(logentry?.message) ?? str(event.message);
  const contexts = isObject(event.contexts) ? event.contexts : undefined;
  const request = isObject(event.request) ? event.request : undefined;
  const user = isObject(event.user) ? event.user : undefined;
  const breadcrumbs = isObject(event.breadcrumbs) && Array.isArray(event.breadcrumbs.values) ? event.breadcrumbs.values : Array.isArray(event.breadcrumbs) ? event.breadcrumbs : undefined;
  const runId = typeof tags["logdeck.run_id"] === "string" ? (tags["logdeck.run_id"] as string) : undefined;
  const detail: Json = {
    level,
    platform: event.platform,
    release: event.release,
    environment: event.environment,
    server_name: event.server_name,
    transaction: event.transaction,
    tags,
    user,
    request,
    extra: event.extra,
    contexts,
    exception: exceptions.length > 1 ? exceptions : undefined,
    breadcrumbs: breadcrumbs?.slice(-LAST_BREADCRUMBS),
    fingerprint: event.fingerprint,
    sdk: event.sdk,
    event_id: event.event_id,
  };
  for (const key of Object.keys(detail)) if (detail[key] === undefined) delete detail[key];
  const common = { id: eventId, projectId, runId, createdAt: sentryTimestamp(event.timestamp) };

  // The level decides, not the shape: SDKs attach a synthetic exception (a stack) to
  // messages too.
  if (!["info", "debug", "log", "trace"].includes(level)) {
    const traceId = sentryIdAsUuid(isObject(contexts?.trace) ? contexts.trace.trace_id : undefined) ?? eventId;
    return {
      kind: "error",
      item: {
        ...common,
        traceId,
        errorType: str(last?.type) || (messageText ? "Message" : "Error"),
        message: str(last?.value) ?? messageText ?? "",
        stack: last ? readableStack(last) : undefined,
        endpoint: pathOf(str(request?.url)) ?? str(event.transaction),
        severity: level === "fatal" ? "critical" : level === "warning" ? "warning" : "error",
        detail,
      },
    };
  }
  const userId = str(user?.id) ?? (typeof user?.id === "number" ? String(user.id) : undefined);
  return {
    kind: "event",
    item: {
      ...common,
      eventType: "sentry.message",
      payload: { message: messageText ?? str(last?.value) ?? null, ...detail, ...(last ? { exception: exceptions } : {}) },
      ...(userId ? { userId, actorId: userId, actorType: "user" } : { actorType: "system" }),
    },
  };
}

/** A `log` item's entries (https://develop.sentry.dev/sdk/telemetry/logs/) → events `log.<level>`. */
export function sentryLogsToItems(payload: Json, { projectId }: { projectId: string | undefined }): Json[] {
  const entries = Array.isArray(payload.items) ? payload.items.filter(isObject) : [];
  return entries.map((entry) => {
    const attributes: Json = {};
    if (isObject(entry.attributes)) {
      for (const [key, value] of Object.entries(entry.attributes)) {
        Object.defineProperty(attributes, key, { value: isObject(value) && "value" in value ? value.value : value, enumerable: true, writable: true, configurable: true });
      }
    }
    const runId = typeof attributes["logdeck.run_id"] === "string" ? (attributes["logdeck.run_id"] as string) : undefined;
    const userId = typeof attributes["user.id"] === "string" ? (attributes["user.id"] as string) : undefined;
    return {
      projectId,
      runId,
      createdAt: sentryTimestamp(entry.timestamp),
      eventType: `log.${str(entry.level)?.toLowerCase() || "info"}`,
      payload: { body: entry.body, level: entry.level, severity_number: entry.severity_number, trace_id: entry.trace_id, attributes },
      ...(userId ? { userId, actorId: userId, actorType: "user" } : { actorType: "system" }),
    };
  });
}
