// How many records an OTLP export request holds, counted before it is decoded. A record
// is a few bytes on the wire (a log record with a one-letter body is 7) but ~1.3 KB once
// decoded and mapped, so a 1 KB gzip body of 100,000 of them ran the server out of heap:
// the body's size says nothing about what decoding it costs. Counting walks the protobuf
// wire format (tags and lengths, nothing allocated); OTLP/JSON is counted on its parsed
// tree (countJsonRecords in read-otlp-request.ts).
//
// Logs: resource_logs(1) → scope_logs(2) → log_records(2).
// Traces: resource_spans(1) → scope_spans(2) → spans(2), and each span's events(11),
// every one of which is decoded whether or not it is an exception.
import { AppError } from "@/lib/http/app-error";

export type OtlpSignalKind = "logs" | "traces";

const SPAN_EVENTS_FIELD = 11;

/** Log records, or spans and their events, in a protobuf export request. */
export function countProtobufRecords(bytes: Uint8Array, kind: OtlpSignalKind): number {
  let records = 0;
  forEachField(bytes, 0, bytes.length, 1, (resourceStart, resourceEnd) =>
    forEachField(bytes, resourceStart, resourceEnd, 2, (scopeStart, scopeEnd) =>
      forEachField(bytes, scopeStart, scopeEnd, 2, (recordStart, recordEnd) => {
        records++;
        if (kind === "traces") forEachField(bytes, recordStart, recordEnd, SPAN_EVENTS_FIELD, () => void records++);
      }),
    ),
  );
  return records;
}

/** Calls `visit` with the bounds of each length-delimited field numbered `wanted` in bytes[start, end). */
function forEachField(bytes: Uint8Array, start: number, end: number, wanted: number, visit: (start: number, end: number) => void): void {
  let at = start;
  while (at < end) {
    const [tag, afterTag] = readVarint(bytes, at, end);
    at = afterTag;
    const field = Math.floor(tag / 8);
    switch (tag % 8) {
      case 0:
        at = readVarint(bytes, at, end)[1];
        break;
      case 1:
        at += 8;
        break;
      case 5:
        at += 4;
        break;
      case 2: {
        const [length, afterLength] = readVarint(bytes, at, end);
        at = afterLength + length;
        if (at > end) throw malformed("a field's length runs past the end of its message");
        if (field === wanted) visit(afterLength, at);
        break;
      }
      default:
        throw malformed(`wire type ${tag % 8} is not used by OTLP`);
    }
    if (at > end) throw malformed("a field runs past the end of its message");
  }
}

function readVarint(bytes: Uint8Array, start: number, end: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let at = start; at < end && at < start + 10; at++) {
    const byte = bytes[at]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at + 1];
    scale *= 128;
  }
  throw malformed("a varint is cut short");
}

const malformed = (why: string) => new AppError("bad_request", `The body is not a valid protobuf OTLP export request: ${why}.`);
