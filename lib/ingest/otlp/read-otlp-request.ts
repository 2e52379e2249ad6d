// An OTLP/HTTP export request's body, decoded with the generated code (@bufbuild/protobuf):
// application/x-protobuf, or application/json as OTLP/JSON writes it — trace and span ids
// in hex (a generic proto3 JSON reader would take them as base64 and corrupt them), int64
// as a string or a number, enums as integers, unknown fields ignored. gzip and deflate
// bodies are decompressed as they stream in, OTLP_MAX_BODY_BYTES counting what comes out.
import { createHash } from "node:crypto";
import { fromBinary, fromJson, type DescMessage, type JsonValue, type MessageShape } from "@bufbuild/protobuf";
import { AppError } from "@/lib/http/app-error";
import { readBodyBytes, type ReadProgress } from "../read-json-body";
import { countProtobufRecords, type OtlpSignalKind } from "./count-otlp-records";

export type OtlpEncoding = "protobuf" | "json";

/** protobuf or json from the Content-Type; 415 for anything else. */
export function otlpEncoding(request: Request): OtlpEncoding {
  const header = request.headers.get("content-type") ?? "";
  const type = header.split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new AppError(
    "unsupported_media_type",
    `${header ? `Content-Type "${header.slice(0, 100)}" is not accepted` : "Content-Type is missing"}; OTLP/HTTP sends application/x-protobuf or application/json.`,
  );
}

export interface OtlpBody<Desc extends DescMessage> {
  message: MessageShape<Desc>;
  /** SHA-256 of the decompressed body: with the record's position, its id (a retry stores nothing twice). */
  digest: string;
}

/**
 * What a record holds of the heap while its request is handled: ~1.3 KB decoded and mapped
 * (measured on one-letter log records), and its share of the insert statement. Back-pressure
 * counts a request as at least this much per record, not only its bytes.
 */
export const OTLP_RECORD_HEAP_BYTES = 2_048;

export async function readOtlpRequest<Desc extends DescMessage>(
  request: Request,
  schema: Desc,
  {
    encoding,
    kind,
    maxBytes,
    maxRecords,
    timeoutMs,
    maxDepth,
    onBytes,
  }: { encoding: OtlpEncoding; kind: OtlpSignalKind; maxBytes: number; maxRecords: number; timeoutMs: number; maxDepth: number; onBytes?: ReadProgress },
): Promise<OtlpBody<Desc>> {
  const bytes = await readBodyBytes(request, maxBytes, timeoutMs, { limit: "OTLP_MAX_BODY_BYTES", onBytes });
  const digest = createHash("sha256").update(bytes).digest("hex");
  // Counted before anything is decoded: past OTLP_MAX_RECORDS, 413; within it, the
  // request's share of the in-flight budget grows to what its records will hold.
  const admit = (records: number) => {
    if (records > maxRecords) {
      const unit = kind === "logs" ? "log records" : "spans and span events";
      throw new AppError("payload_too_large", `The request holds ${records} ${unit}, more than ${maxRecords} (OTLP_MAX_RECORDS); send smaller batches (the Collector's batch processor: send_batch_max_size).`, {
        details: [{ field: kind === "logs" ? "resourceLogs" : "resourceSpans", message: `more than ${maxRecords} records`, limit: "OTLP_MAX_RECORDS" }],
      });
    }
    onBytes?.(bytes.length + records * OTLP_RECORD_HEAP_BYTES);
  };
  // Each level of a nested attribute is three messages (AnyValue, KeyValueList, KeyValue);
  // the envelope takes a few more. Deeper: 400, before any record is mapped.
  const recursionLimit = 3 * maxDepth + 12;
  if (encoding === "protobuf") {
    admit(countProtobufRecords(bytes, kind));
    try {
      return { message: fromBinary(schema, bytes, { readUnknownFields: false, recursionLimit }), digest };
    } catch (error) {
      throw new AppError("bad_request", `The body is not a valid protobuf ${schema.name}: ${describe(error)}.`, { cause: error });
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new AppError("invalid_json", `The body is not valid UTF-8 JSON: ${describe(error)}.`, { cause: error });
  }
  admit(countJsonRecords(json, kind));
  try {
    hexIdsToBase64(json);
    return { message: fromJson(schema, json as JsonValue, { ignoreUnknownFields: true, recursionLimit }), digest };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", `The body is not a valid OTLP/JSON ${schema.name}: ${describe(error)}.`, { cause: error });
  }
}

const describe = (error: unknown) =>
  error instanceof Error && /call stack|maximum recursion depth/i.test(error.message)
    ? "it nests deeper than INGEST_MAX_DEPTH allows (attributes within attributes)"
    : error instanceof Error
      ? error.message.slice(0, 300)
      : "unreadable";

// Where OTLP/JSON holds its records: resourceLogs[].scopeLogs[].logRecords[] and
// resourceSpans[].scopeSpans[].spans[], in lowerCamelCase or snake_case.
const RECORD_PATHS = { logs: ["resourceLogs", "scopeLogs", "logRecords"], traces: ["resourceSpans", "scopeSpans", "spans"] } as const;

/** Each scope's list of records (log records or spans) in a parsed OTLP/JSON body. */
function* recordLists(body: unknown, kind: OtlpSignalKind): Generator<unknown[]> {
  const [resourceKey, scopeKey, recordKey] = RECORD_PATHS[kind];
  for (const resource of list(field(body, resourceKey, snake(resourceKey)))) {
    for (const scope of list(field(resource, scopeKey, snake(scopeKey)))) yield list(field(scope, recordKey, snake(recordKey)));
  }
}

/** countProtobufRecords's count in a parsed OTLP/JSON body: log records, or spans and their events. */
function countJsonRecords(body: unknown, kind: OtlpSignalKind): number {
  let records = 0;
  for (const scopeRecords of recordLists(body, kind)) {
    records += scopeRecords.length;
    if (kind === "traces") for (const span of scopeRecords) records += list(field(span, "events")).length;
  }
  return records;
}

// The ids of records (links are not read).
const ID_FIELDS: Record<string, number> = { traceId: 16, trace_id: 16, spanId: 8, span_id: 8, parentSpanId: 8, parent_span_id: 8 };

function hexIdsToBase64(body: unknown): void {
  for (const kind of ["logs", "traces"] as const) {
    const itemKey = RECORD_PATHS[kind][2];
    for (const scopeRecords of recordLists(body, kind)) {
      scopeRecords.forEach((item, index) => {
        if (!item || typeof item !== "object") return;
        const record = item as Record<string, unknown>;
        for (const [name, bytes] of Object.entries(ID_FIELDS)) {
          const value = record[name];
          if (value === undefined || value === null || value === "") continue;
          if (typeof value !== "string" || !new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) {
            throw new AppError("bad_request", `${itemKey}[${index}].${name} must be ${bytes * 2} hex digits (OTLP/JSON writes ids in hex), not ${JSON.stringify(value).slice(0, 60)}.`);
          }
          record[name] = Buffer.from(value, "hex").toString("base64");
        }
      });
    }
  }
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function field(value: unknown, ...names: string[]): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  for (const name of names) if (name in value) return (value as Record<string, unknown>)[name];
  return undefined;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
