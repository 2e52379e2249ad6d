// Hand-built OTLP protobuf, as a hostile client sends it (the real exporters cannot make
// these): tiny records in any number, for tests of what decoding them would cost.

function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** A length-delimited field. */
export const protobufField = (number: number, bytes: Buffer) => Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);

/** ExportLogsServiceRequest { resource_logs { scope_logs { log_records × count { body "r" } } } }: 7 bytes a record. */
export function otlpLogsOfTinyRecords(count: number): Buffer {
  const record = protobufField(2, protobufField(5, protobufField(1, Buffer.from("r"))));
  return protobufField(1, protobufField(2, Buffer.concat(Array<Buffer>(count).fill(record))));
}

/** ExportTraceServiceRequest { resource_spans { scope_spans { spans { events × count { name "e" } } } } }. */
export function otlpSpanWithEvents(count: number): Buffer {
  const event = protobufField(11, protobufField(2, Buffer.from("e")));
  return protobufField(1, protobufField(2, protobufField(2, Buffer.concat(Array<Buffer>(count).fill(event)))));
}
