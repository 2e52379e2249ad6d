// OTLP attribute values (AnyValue) as JSON, for payload/detail: strings, booleans and
// numbers as they are (an int64 beyond 2^53 as a string, so no digit is lost), arrays,
// key-value lists as objects, bytes as base64, NaN and ±Infinity (which JSON cannot hold)
// as strings. Nesting past `maxDepth` stops the conversion: the record is refused by the
// schema's depth limit rather than converted at any depth.
import type { AnyValue, KeyValue } from "./gen/logdeck/otlp/v1/otlp_pb";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export class TooDeepError extends Error {}

export function anyValueToJson(value: AnyValue | undefined, maxDepth: number, depth = 0): JsonValue {
  if (!value) return null;
  const v = value.value;
  switch (v.case) {
    case "stringValue":
    case "boolValue":
      return v.value;
    case "intValue":
      return v.value >= BigInt(Number.MIN_SAFE_INTEGER) && v.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.value) : v.value.toString();
    case "doubleValue":
      return Number.isFinite(v.value) ? v.value : String(v.value);
    case "bytesValue":
      return Buffer.from(v.value).toString("base64");
    case "arrayValue":
      if (depth >= maxDepth) throw new TooDeepError();
      return v.value.values.map((item) => anyValueToJson(item, maxDepth, depth + 1));
    case "kvlistValue":
      if (depth >= maxDepth) throw new TooDeepError();
      return attributesToJson(v.value.values, maxDepth, depth + 1);
    default:
      return null;
  }
}

/** Key-value pairs as one object (a key given twice: the last wins, as in the SDKs). */
export function attributesToJson(attributes: readonly KeyValue[], maxDepth: number, depth = 0): { [key: string]: JsonValue } {
  const object: { [key: string]: JsonValue } = {};
  for (const { key, value } of attributes) {
    // defineProperty: a "__proto__" key is data, not the object's prototype.
    Object.defineProperty(object, key, { value: anyValueToJson(value, maxDepth, depth), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** One attribute's value as a string (ids, names), or undefined when absent or not a string/number. */
export function stringAttribute(attributes: readonly KeyValue[], key: string): string | undefined {
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i]!;
    if (attribute.key !== key) continue;
    const v = attribute.value?.value;
    if (v?.case === "stringValue") return v.value;
    if (v?.case === "intValue") return v.value.toString();
    return undefined;
  }
  return undefined;
}
